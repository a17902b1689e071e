<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>training (running, per batch)</source>
        <translation>训练（进行中，按批次）</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>not an image file</source>
        <translation>不是图像文件</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Label photos, train an image classifier by transfer learning, test it.</source>
        <translation>标注照片，用迁移学习训练图像分类器并测试。</translation>
    </message>
    <message>
        <source>A project, or a folder of class sub-folders.</source>
        <translation>项目文件，或按类别分子文件夹的文件夹。</translation>
    </message>
    <message>
        <source>Open DIR.</source>
        <translation>打开 DIR。</translation>
    </message>
    <message>
        <source>Backbone folder or name.</source>
        <translation>骨干网络的文件夹或名称。</translation>
    </message>
    <message>
        <source>Epochs to train.</source>
        <translation>训练轮数。</translation>
    </message>
</context>
<context>
    <name>tl</name>
    <message>
        <source>Add class %1</source>
        <translation>添加类别 %1</translation>
    </message>
    <message>
        <source>Delete class %1</source>
        <translation>删除类别 %1</translation>
    </message>
    <message>
        <source>Merge class %1 into %2</source>
        <translation>将类别 %1 合并到 %2</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>Rename class %1 to %2</source>
        <translation>将类别 %1 重命名为 %2</translation>
    </message>
    <message numerus="yes">
        <source>Exclude %n photo(s)</source>
        <translation>
            <numerusform>排除 %n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Include %n photo(s)</source>
        <translation>
            <numerusform>恢复 %n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n photo(s)</source>
        <translation>
            <numerusform>添加 %n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n photo(s) to %1</source>
        <translation>
            <numerusform>把 %n 张照片移到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::AugmentationPage</name>
    <message>
        <source>Use augmentation when training</source>
        <translation>训练时使用数据增强</translation>
    </message>
    <message>
        <source>Random variants of the training photos make the classifier robust to framing and lighting; it costs training time</source>
        <translation>训练照片的随机变体能让分类器不受取景和光照变化的影响，但会增加训练时间</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <source>Up to this fraction of a full turn either way (Keras RandomRotation)</source>
        <translation>向任一方向最多旋转一整圈的这个比例（Keras RandomRotation）</translation>
    </message>
    <message>
        <source>Zoom in or out by up to this fraction of the side</source>
        <translation>放大或缩小，最多为边长的这个比例</translation>
    </message>
    <message>
        <source>Shift by up to this fraction of the side</source>
        <translation>平移，最多为边长的这个比例</translation>
    </message>
    <message>
        <source>Contrast factor range (Keras RandomContrast)</source>
        <translation>对比度系数范围（Keras RandomContrast）</translation>
    </message>
    <message>
        <source>Brightness factor range (Keras RandomBrightness)</source>
        <translation>亮度系数范围（Keras RandomBrightness）</translation>
    </message>
    <message>
        <source>Another seed draws other variants</source>
        <translation>换一个随机种子会生成另一组变体</translation>
    </message>
    <message>
        <source>New Variants</source>
        <translation>生成新变体</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>旋转：</translation>
    </message>
    <message>
        <source>Zoom:</source>
        <translation>缩放：</translation>
    </message>
    <message>
        <source>Translation:</source>
        <translation>平移：</translation>
    </message>
    <message>
        <source>Contrast:</source>
        <translation>对比度：</translation>
    </message>
    <message>
        <source>Brightness:</source>
        <translation>亮度：</translation>
    </message>
    <message>
        <source>Preview seed:</source>
        <translation>预览随机种子：</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Select a photo on the Data page to preview its variants.</source>
        <translation>在“数据”页选择一张照片，即可预览它的增强变体。</translation>
    </message>
    <message>
        <source>The photo as the network sees it, unaugmented</source>
        <translation>网络看到的原始照片（未增强）</translation>
    </message>
    <message>
        <source>Augmented variant %1</source>
        <translation>增强变体 %1</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Cannot preview %1: the photo cannot be decoded.</source>
        <translation>无法预览 %1：照片无法解码。</translation>
    </message>
    <message>
        <source>What the trainer may see of this photo (top left: original).</source>
        <translation>训练时可能看到的这张照片的样子（左上：原图）。</translation>
    </message>
    <message>
        <source>Augmentation is off: training uses the original photo. These are the variants it would use.</source>
        <translation>数据增强已关闭：训练使用原始照片。以下是开启后会用到的变体。</translation>
    </message>
</context>
<context>
    <name>tl::BackboneDownloadJob</name>
    <message>
        <source>Getting %1</source>
        <translation>正在获取 %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
</context>
<context>
    <name>tl::BackboneStore</name>
    <message>
        <source>Cannot copy %1 into %2</source>
        <translation>无法把 %1 复制到 %2</translation>
    </message>
    <message>
        <source>Using %1 (%2) installed with TransferLab</source>
        <translation>使用随 TransferLab 安装的 %1（%2）</translation>
    </message>
    <message>
        <source>%1 is damaged (%2): downloading it again</source>
        <translation>%1 已损坏（%2）：重新下载</translation>
    </message>
    <message>
        <source>Using %1 from %2</source>
        <translation>使用来自 %2 的 %1</translation>
    </message>
    <message>
        <source>Waiting for another TransferLab downloading %1</source>
        <translation>正在等待另一个 TransferLab 下载完 %1</translation>
    </message>
    <message>
        <source>Downloading %1 from %2</source>
        <translation>正在从 %2 下载 %1</translation>
    </message>
    <message>
        <source>Downloaded %1 (%2)</source>
        <translation>已下载 %1（%2）</translation>
    </message>
</context>
<context>
    <name>tl::ClassListModel</name>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>%1. %2  (%3)</source>
        <translation>%1. %2  (%3)</translation>
    </message>
    <message>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in %1. Drop photos here to move them; press %2 to move the selected photos here.</source>
        <translation>
            <numerusform>%1 中有 %n 张照片。把照片拖到这里即可移入；按 %2 可将选中的照片移到这里。</numerusform>
        </translation>
    </message>
    <message>
        <source>Photos without a class: they are not used for training.</source>
        <translation>没有类别的照片：不参与训练。</translation>
    </message>
</context>
<context>
    <name>tl::ConfusionMatrixModel</name>
    <message>
        <source>%1 photo(s) of %2 predicted as %3 (%4% of the class). Click to see them.</source>
        <translation>%2 中有 %1 张照片被预测为 %3（占该类别的 %4%）。点击查看。</translation>
    </message>
    <message>
        <source>true
%1</source>
        <translation>真实
%1</translation>
    </message>
    <message>
        <source>predicted
%1</source>
        <translation>预测
%1</translation>
    </message>
</context>
<context>
    <name>tl::DataPage</name>
    <message>
        <source>Drop photos on a class to move them there; double-click to rename; click to show only that class</source>
        <translation>把照片拖到类别上即可移入该类别；双击重命名；单击只显示该类别</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Move every photo of the selected class into another and delete it</source>
        <translation>把所选类别的全部照片移到另一个类别，并删除所选类别</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected class; its photos become unlabeled</source>
        <translation>删除所选类别；其中的照片变为未标注</translation>
    </message>
    <message>
        <source>Files that cannot be used, with the reason</source>
        <translation>无法使用的文件及原因</translation>
    </message>
    <message>
        <source>&lt;b&gt;Classes&lt;/b&gt;</source>
        <translation>&lt;b&gt;类别&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Search file names</source>
        <translation>搜索文件名</translation>
    </message>
    <message>
        <source>Show one class</source>
        <translation>只显示一个类别</translation>
    </message>
    <message>
        <source>Training + validation</source>
        <translation>训练集 + 验证集</translation>
    </message>
    <message>
        <source>Training only</source>
        <translation>仅训练集</translation>
    </message>
    <message>
        <source>Validation only</source>
        <translation>仅验证集</translation>
    </message>
    <message>
        <source>Which side of the training/validation split to show</source>
        <translation>显示训练集/验证集划分的哪一部分</translation>
    </message>
    <message>
        <source>All photos</source>
        <translation>全部照片</translation>
    </message>
    <message>
        <source>Misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <source>Hide excluded</source>
        <translation>隐藏已排除的照片</translation>
    </message>
    <message>
        <source>Keys 1-9 move the selection to a class, 0 to Unlabeled, Delete excludes</source>
        <translation>按 1-9 把选中的照片移到对应类别，按 0 移到“未标注”，按 Delete 排除</translation>
    </message>
    <message>
        <source>Drop a folder of class sub-folders here (or use File ▸ Import Folder…). Loose photos go to the Unlabeled pool.</source>
        <translation>把按类别分好子文件夹的文件夹拖到这里（或使用“文件 ▸ 导入文件夹…”）。零散的照片会放入“未标注”。</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>&lt;b&gt;Skipped files&lt;/b&gt; (%1)</source>
        <translation>&lt;b&gt;跳过的文件&lt;/b&gt;（%1）</translation>
    </message>
    <message>
        <source>Add Class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>新类别的名称：</translation>
    </message>
    <message>
        <source>There is already a class %1.</source>
        <translation>已有名为 %1 的类别。</translation>
    </message>
    <message>
        <source>Merge Classes</source>
        <translation>合并类别</translation>
    </message>
    <message>
        <source>Move all photos of %1 into:</source>
        <translation>把 %1 的全部照片移到：</translation>
    </message>
    <message>
        <source>Move to Class</source>
        <translation>移到类别</translation>
    </message>
    <message>
        <source>Exclude from Training</source>
        <translation>不参与训练</translation>
    </message>
    <message>
        <source>Include in Training</source>
        <translation>参与训练</translation>
    </message>
</context>
<context>
    <name>tl::DatasetModel</name>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>%1
Class: %2 (%3)%4</source>
        <translation>%1
类别：%2（%3）%4</translation>
    </message>
    <message>
        <source>
Excluded</source>
        <translation>
已排除</translation>
    </message>
</context>
<context>
    <name>tl::ImagePreview</name>
    <message>
        <source>Select a photo to preview it</source>
        <translation>选择一张照片进行预览</translation>
    </message>
    <message>
        <source>Zoom (Ctrl+wheel over the photo)</source>
        <translation>缩放（在照片上按住 Ctrl 滚动滚轮）</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit the photo in the view</source>
        <translation>让照片适应视图大小</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Show the photo at its actual size</source>
        <translation>按实际大小显示照片</translation>
    </message>
    <message>
        <source>Cannot read this photo</source>
        <translation>无法读取这张照片</translation>
    </message>
</context>
<context>
    <name>tl::Job</name>
    <message>
        <source>Unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>tl::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Use the language of the system when it is available</source>
        <translation>如有系统语言的翻译，就使用系统语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>TransferLab will use the new language the next time it starts.</source>
        <translation>TransferLab 下次启动时将使用新的语言。</translation>
    </message>
</context>
<context>
    <name>tl::MainWindow</name>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Augmentation</source>
        <translation>数据增强(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Results</source>
        <translation>结果(&amp;R)</translation>
    </message>
    <message>
        <source>T&amp;est</source>
        <translation>测试(&amp;E)</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message numerus="yes">
        <source>Added %n photo(s)</source>
        <translation>
            <numerusform>已添加 %n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n file(s) skipped (listed on the Data page)</source>
        <translation>
            <numerusform>，跳过 %n 个文件（列在“数据”页）</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Not saved&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;未保存&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import Folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>A folder of class sub-folders adds classes; other folders add unlabeled photos</source>
        <translation>按类别分子文件夹的文件夹会添加类别；其他文件夹中的照片作为未标注照片加入</translation>
    </message>
    <message>
        <source>Import &amp;Photos…</source>
        <translation>导入照片(&amp;P)…</translation>
    </message>
    <message>
        <source>Download from Open &amp;Images…</source>
        <translation>从 Open Images 下载(&amp;I)…</translation>
    </message>
    <message>
        <source>Download labelled photos of chosen classes from Google Open Images into the project</source>
        <translation>从 Google Open Images 下载所选类别的已标注照片，加入项目</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add Class…</source>
        <translation>添加类别(&amp;A)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Re&amp;name Class…</source>
        <translation>重命名类别(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Merge Class…</source>
        <translation>合并类别(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Delete Class</source>
        <translation>删除类别(&amp;D)</translation>
    </message>
    <message>
        <source>E&amp;xclude Selected Photos</source>
        <translation>排除选中的照片(&amp;X)</translation>
    </message>
    <message>
        <source>I&amp;nclude Selected Photos</source>
        <translation>恢复选中的照片(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Show &amp;Misclassified Photos</source>
        <translation>显示分类错误的照片(&amp;M)</translation>
    </message>
    <message>
        <source>T&amp;rain</source>
        <translation>训练(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <source>&amp;Export Model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TransferLab</source>
        <translation>关于 TransferLab(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>TransferLab projects (*.json);;All files (*)</source>
        <translation>TransferLab 项目 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import Folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Import Photos</source>
        <translation>导入照片</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>TransferLab projects (*.json)</source>
        <translation>TransferLab 项目 (*.json)</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Untitled — TransferLab</source>
        <translation>未命名 — TransferLab</translation>
    </message>
    <message>
        <source>%1 — TransferLab</source>
        <translation>%1 — TransferLab</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n 张照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 labelled, %2 unlabeled</source>
        <translation>已标注 %1 张，未标注 %2 张</translation>
    </message>
    <message>
        <source>About TransferLab</source>
        <translation>关于 TransferLab</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TransferLab %1&lt;/h3&gt;&lt;p&gt;Label photos, train an image classifier by transfer learning on a pretrained backbone, inspect its mistakes and test it on new photos.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch, OpenCV and QCustomPlot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TransferLab %1&lt;/h3&gt;&lt;p&gt;标注照片，在预训练骨干网络上用迁移学习训练图像分类器，检查它的错误，并用新照片测试。&lt;/p&gt;&lt;p&gt;基于 Qt %2、LibTorch、OpenCV 和 QCustomPlot 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>训练已停止：%1</translation>
    </message>
    <message>
        <source>Training done: validation accuracy %1%</source>
        <translation>训练完成：验证准确率 %1%</translation>
    </message>
    <message>
        <source>Export Model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <source>There is no saved model yet: train one first.</source>
        <translation>还没有保存的模型：请先训练一个。</translation>
    </message>
    <message>
        <source>TorchScript (*.pt)</source>
        <translation>TorchScript 模型 (*.pt)</translation>
    </message>
    <message>
        <source>ONNX (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>TensorFlow.js folder, Teachable Machine layout (*)</source>
        <translation>TensorFlow.js 文件夹，Teachable Machine 格式 (*)</translation>
    </message>
    <message>
        <source>Self-contained TorchScript: takes photos as uint8 RGB (*.pt)</source>
        <translation>自带预处理的 TorchScript：直接输入 uint8 RGB 照片 (*.pt)</translation>
    </message>
    <message>
        <source>Self-contained ONNX: takes uint8 RGB images (*.onnx)</source>
        <translation>自带预处理的 ONNX：输入 uint8 RGB 图像 (*.onnx)</translation>
    </message>
    <message>
        <source>Exported the model to %1</source>
        <translation>模型已导出到 %1</translation>
    </message>
    <message>
        <source>Exporting the model…</source>
        <translation>正在导出模型…</translation>
    </message>
</context>
<context>
    <name>tl::ModelExportJob</name>
    <message>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
</context>
<context>
    <name>tl::OpenImagesDialog</name>
    <message>
        <source>Download from Open Images</source>
        <translation>从 Open Images 下载</translation>
    </message>
    <message>
        <source>e.g. Alpaca, Llama</source>
        <translation>例如 Alpaca, Llama</translation>
    </message>
    <message>
        <source>Open Images class names, comma separated; each becomes a class of the project</source>
        <translation>Open Images 的类别名（英文），用逗号分隔；每个都成为项目中的一个类别</translation>
    </message>
    <message>
        <source>optional, e.g. Goat, Bear, Giraffe</source>
        <translation>可选，例如 Goat, Bear, Giraffe</translation>
    </message>
    <message>
        <source>Classes pooled into one &quot;not …&quot; class, so the model learns what is not one of yours</source>
        <translation>这些类别合并为一个“非…”类别，让模型学会识别不属于你的类别的照片</translation>
    </message>
    <message>
        <source>At most this many photos per class</source>
        <translation>每个类别最多下载这么多张照片</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集 (train)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集 (validation)</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集 (test)</translation>
    </message>
    <message>
        <source>The Open Images subset the photos come from</source>
        <translation>照片来自 Open Images 的哪个子集</translation>
    </message>
    <message>
        <source>The same seed picks the same photos</source>
        <translation>相同的随机种子会选中相同的照片</translation>
    </message>
    <message>
        <source>One sub-folder per class is created here, with attribution.csv</source>
        <translation>在这里为每个类别创建一个子文件夹，并附上 attribution.csv</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Classes:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Negative classes:</source>
        <translation>反例类别：</translation>
    </message>
    <message>
        <source>Photos per class:</source>
        <translation>每类照片数：</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>子集：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Download to:</source>
        <translation>下载到：</translation>
    </message>
    <message>
        <source>Open Images photos are licensed CC BY 2.0: the authors are credited in attribution.csv in the download folder.</source>
        <translation>Open Images 的照片采用 CC BY 2.0 许可：作者署名记录在下载文件夹的 attribution.csv 中。</translation>
    </message>
    <message>
        <source>Download log</source>
        <translation>下载日志</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Download Open Images Photos To</source>
        <translation>将 Open Images 照片下载到</translation>
    </message>
    <message>
        <source>Enter at least one Open Images class name, such as Alpaca.</source>
        <translation>请至少输入一个 Open Images 类别名，例如 Alpaca。</translation>
    </message>
    <message>
        <source>Getting the class lists…</source>
        <translation>正在获取类别列表…</translation>
    </message>
    <message>
        <source>Choosing photos…</source>
        <translation>正在挑选照片…</translation>
    </message>
    <message>
        <source>Downloading photos…</source>
        <translation>正在下载照片…</translation>
    </message>
    <message>
        <source>Downloading into %1</source>
        <translation>正在下载到 %1</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>File %1 of %2, %3</source>
        <translation>第 %1 个文件，共 %2 个，%3</translation>
    </message>
    <message>
        <source>%1 label rows read, %2</source>
        <translation>已读取 %1 行标签，%2</translation>
    </message>
    <message>
        <source>%1 of %2 photos, %3</source>
        <translation>%1 / %2 张照片，%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) could not be downloaded; Download again to retry them.</source>
        <translation>
            <numerusform>%n 张照片下载失败；再次点击“下载”即可重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Adding the class folders to the project…</source>
        <translation>正在把类别文件夹加入项目…</translation>
    </message>
    <message>
        <source>Canceled. Download again to resume.</source>
        <translation>已取消。再次点击“下载”即可继续。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>tl::OpenImagesDownloadJob</name>
    <message>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <source>Warning: no author credits in the attribution file: %1</source>
        <translation>警告：署名文件中没有作者信息：%1</translation>
    </message>
    <message>
        <source>Selecting photos</source>
        <translation>正在挑选照片</translation>
    </message>
    <message>
        <source>Downloading photos</source>
        <translation>正在下载照片</translation>
    </message>
    <message>
        <source>%1 images downloaded, %2 already present</source>
        <translation>已下载 %1 张图像，%2 张已存在</translation>
    </message>
    <message>
        <source>no class given</source>
        <translation>没有指定类别</translation>
    </message>
    <message>
        <source>the limit per class must be at least 1</source>
        <translation>每类数量上限至少为 1</translation>
    </message>
    <message>
        <source>no output folder given</source>
        <translation>没有指定输出文件夹</translation>
    </message>
    <message>
        <source>parallel downloads must be between 1 and %1</source>
        <translation>并行下载数必须在 1 到 %1 之间</translation>
    </message>
    <message>
        <source>at most 64 classes at once</source>
        <translation>一次最多 64 个类别</translation>
    </message>
    <message>
        <source>Using %1</source>
        <translation>使用 %1</translation>
    </message>
    <message>
        <source>Downloading %1 into %2</source>
        <translation>正在把 %1 下载到 %2</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <source>%1 classes in %2</source>
        <translation>%2 中有 %1 个类别</translation>
    </message>
    <message>
        <source>unknown Open Images class &quot;%1&quot;</source>
        <translation>未知的 Open Images 类别“%1”</translation>
    </message>
    <message>
        <source>unknown Open Images class &quot;%1&quot;; did you mean: %2?</source>
        <translation>未知的 Open Images 类别“%1”；你是不是要找：%2？</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names %2 labels (%3); using all of them</source>
        <translation>“%1”对应 %2 个标签（%3）；全部使用</translation>
    </message>
    <message>
        <source>class &quot;%1&quot; is given twice or has no usable folder name</source>
        <translation>类别“%1”重复指定，或无法用作文件夹名</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be both a class and a negative class</source>
        <translation>“%1”不能既是类别又是反例类别</translation>
    </message>
    <message>
        <source>the negative class folder &quot;%1&quot; clashes with a class</source>
        <translation>反例类别文件夹“%1”与某个类别冲突</translation>
    </message>
    <message>
        <source>%1 of %2, %3 rows</source>
        <translation>%1 / %2，%3 行</translation>
    </message>
    <message>
        <source>Warning: %1 is not sorted by ImageID; images labelled with several of the classes may not all be recognised</source>
        <translation>警告：%1 未按 ImageID 排序；带有多个所选类别标签的图像可能无法全部识别</translation>
    </message>
    <message>
        <source>%1 images carry more than one of the classes and were left out</source>
        <translation>%1 张图像同时属于多个所选类别，已排除</translation>
    </message>
    <message>
        <source>%1 rows with a malformed ImageID were ignored</source>
        <translation>已忽略 %1 行 ImageID 格式错误的数据</translation>
    </message>
    <message>
        <source>%1: %2 images in the %3 split, taking %4</source>
        <translation>%1：%3 子集中有 %2 张图像，取 %4 张</translation>
    </message>
    <message>
        <source>Warning: only %1 images available for %2</source>
        <translation>警告：%2 只有 %1 张图像可用</translation>
    </message>
    <message>
        <source>Warning: cannot read %1: %2</source>
        <translation>警告：无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Warning: %1 has no ImageID header; no author credits</source>
        <translation>警告：%1 没有 ImageID 表头；没有作者署名</translation>
    </message>
    <message>
        <source>image credits: %1 of %2</source>
        <translation>图像署名：%1 / %2</translation>
    </message>
    <message>
        <source>Warning: %1: %2</source>
        <translation>警告：%1：%2</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>Warning: %1 other images in %2/ are not part of this selection</source>
        <translation>警告：%2/ 中另有 %1 张图像不属于本次选择</translation>
    </message>
    <message>
        <source>%1 images wanted, %2 already present</source>
        <translation>需要 %1 张图像，%2 张已存在</translation>
    </message>
    <message>
        <source>Skipped %1 (%2): %3: %4</source>
        <translation>已跳过 %1（%2）：%3：%4</translation>
    </message>
    <message>
        <source>%1 of %2 images, %3</source>
        <translation>%1 / %2 张图像，%3</translation>
    </message>
    <message>
        <source>cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>tl::PredictionJob</name>
    <message>
        <source>No model: train one or load a saved model</source>
        <translation>没有模型：请训练一个或加载已保存的模型</translation>
    </message>
    <message>
        <source>Classifying</source>
        <translation>正在分类</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>%1 / %2 张照片</translation>
    </message>
</context>
<context>
    <name>tl::PredictionListModel</name>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source>
Labelled: %1</source>
        <translation>
标注：%1</translation>
    </message>
    <message>
        <source>
%1: %2%</source>
        <translation>
%1：%2%</translation>
    </message>
</context>
<context>
    <name>tl::Project</name>
    <message>
        <source>The project has no file yet</source>
        <translation>项目还没有文件</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Not a project file: %1</source>
        <translation>不是项目文件：%1</translation>
    </message>
    <message>
        <source>Not a TransferLab project file</source>
        <translation>不是 TransferLab 项目文件</translation>
    </message>
</context>
<context>
    <name>tl::ProjectImporter</name>
    <message numerus="yes">
        <source>Listing %n item(s)…</source>
        <translation>
            <numerusform>正在列出 %n 项…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::ResultsPage</name>
    <message>
        <source>Train a model to see its results on the validation photos.</source>
        <translation>训练一个模型，即可查看它在验证集照片上的结果。</translation>
    </message>
    <message>
        <source>Rows: the labels; columns: the predictions. Click a cell to see its photos.</source>
        <translation>行：标注的类别；列：预测的类别。点击单元格查看对应的照片。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt; (validation)</source>
        <translation>&lt;b&gt;混淆矩阵&lt;/b&gt;（验证集）</translation>
    </message>
    <message>
        <source>The class whose mistakes to show</source>
        <translation>要查看哪个类别的错误</translation>
    </message>
    <message>
        <source>False negatives (missed photos of the class)</source>
        <translation>假阴性（该类别被漏掉的照片）</translation>
    </message>
    <message>
        <source>False positives (other photos taken for the class)</source>
        <translation>假阳性（被误认为该类别的其他照片）</translation>
    </message>
    <message>
        <source>All misclassified</source>
        <translation>全部分类错误</translation>
    </message>
    <message>
        <source>Open Photo</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <source>Show on Data Page</source>
        <translation>在“数据”页中显示</translation>
    </message>
    <message>
        <source>Relabel as %1 (it was a labelling mistake)</source>
        <translation>重新标注为 %1（原标注有误）</translation>
    </message>
    <message>
        <source>Move to Class</source>
        <translation>移到类别</translation>
    </message>
    <message>
        <source>Exclude from Training</source>
        <translation>不参与训练</translation>
    </message>
    <message>
        <source>Relabel as Predicted</source>
        <translation>按预测重新标注</translation>
    </message>
    <message>
        <source>The label was wrong: move the selected photos to the predicted class</source>
        <translation>标注有误：把选中的照片移到预测的类别</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Leave the selected photos out of training</source>
        <translation>让选中的照片不参与训练</translation>
    </message>
    <message>
        <source>Retrain</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <source>Train again with the corrected labels</source>
        <translation>用修正后的标注重新训练</translation>
    </message>
    <message>
        <source>Class:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Misclassified photos&lt;/b&gt;</source>
        <translation>&lt;b&gt;分类错误的照片&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Validation accuracy: %1%&lt;/b&gt; &amp;nbsp; loss %2 &amp;nbsp; %3 photos, %4 misclassified&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;验证准确率：%1%&lt;/b&gt; &amp;nbsp; 损失 %2 &amp;nbsp; 共 %3 张照片，%4 张分类错误&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message numerus="yes">
        <source>%n misclassified photo(s)</source>
        <translation>
            <numerusform>%n 张分类错误的照片</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) of %1 predicted as another class</source>
        <translation>
            <numerusform>%1 中有 %n 张照片被预测为其他类别</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) of other classes predicted as %1</source>
        <translation>
            <numerusform>其他类别中有 %n 张照片被预测为 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) of %1 predicted as %2</source>
        <translation>
            <numerusform>%1 中有 %n 张照片被预测为 %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::TestPage</name>
    <message>
        <source>Add Photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Choose photos to classify (or drop photos and folders here)</source>
        <translation>选择要分类的照片（或把照片和文件夹拖到这里）</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Load Model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <source>Test a model saved earlier or exported by another run</source>
        <translation>测试之前保存的模型，或其他训练导出的模型</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Choose Photos</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>Choose Folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Drop photos or folders here to classify them.</source>
        <translation>把照片或文件夹拖到这里进行分类。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No model yet&lt;/b&gt;: train one or load a saved model.</source>
        <translation>&lt;b&gt;还没有模型&lt;/b&gt;：请训练一个或加载已保存的模型。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model:&lt;/b&gt; %1 (%2)</source>
        <translation>&lt;b&gt;模型：&lt;/b&gt;%1（%2）</translation>
    </message>
    <message>
        <source>last training run, in memory</source>
        <translation>最近一次训练，在内存中</translation>
    </message>
    <message>
        <source>No Model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <source>Train a model first, or load a saved model.</source>
        <translation>请先训练一个模型，或加载已保存的模型。</translation>
    </message>
    <message>
        <source>Still classifying the previous photos…</source>
        <translation>仍在对之前的照片分类…</translation>
    </message>
    <message>
        <source>Still listing the previous folders…</source>
        <translation>仍在列出之前的文件夹…</translation>
    </message>
    <message numerus="yes">
        <source>Listing %n item(s)…</source>
        <translation>
            <numerusform>正在列出 %n 项…</numerusform>
        </translation>
    </message>
    <message>
        <source>No photos found there.</source>
        <translation>那里没有找到照片。</translation>
    </message>
    <message numerus="yes">
        <source>Classifying %n photo(s)…</source>
        <translation>
            <numerusform>正在对 %n 张照片分类…</numerusform>
        </translation>
    </message>
    <message>
        <source>Classification canceled.</source>
        <translation>分类已取消。</translation>
    </message>
    <message>
        <source>Classification failed: %1</source>
        <translation>分类失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) classified.</source>
        <translation>
            <numerusform>已分类 %n 张照片。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read.</source>
        <translation>
            <numerusform>%n 个文件无法读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>Load Model Folder</source>
        <translation>加载模型文件夹</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Model loaded.</source>
        <translation>模型已加载。</translation>
    </message>
    <message>
        <source>Cannot load the model: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <source>Load Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>Export Predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>tl::ThumbnailCache</name>
    <message>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>tl::TrainPage</name>
    <message>
        <source>%1 — %2, val. accuracy %3%</source>
        <translation>%1 — %2，验证准确率 %3%</translation>
    </message>
    <message>
        <source>Elapsed %1, about %2 left</source>
        <translation>已用 %1，约剩 %2</translation>
    </message>
    <message>
        <source>The pretrained network whose features the classifier learns from: a catalogue backbone (downloaded on first use), an imported one, or a model folder</source>
        <translation>分类器学习其特征的预训练网络：目录中的骨干网络（首次使用时下载）、导入的骨干网络或模型文件夹</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Use a model folder (TF.js / Teachable Machine export) as it is</source>
        <translation>直接使用模型文件夹（TF.js / Teachable Machine 导出）</translation>
    </message>
    <message>
        <source>Choose Backbone Folder</source>
        <translation>选择骨干网络文件夹</translation>
    </message>
    <message>
        <source>Fraction of each class held out to measure accuracy</source>
        <translation>每个类别留出多大比例的照片用来评估准确率</translation>
    </message>
    <message>
        <source>Augment training photos</source>
        <translation>对训练照片做数据增强</translation>
    </message>
    <message>
        <source>Set up on the Augmentation page</source>
        <translation>在“数据增强”页设置</translation>
    </message>
    <message>
        <source>After the head converges, unfreeze this many of the backbone&apos;s last blocks (0 = no fine-tuning; slower)</source>
        <translation>分类头收敛后，解冻骨干网络最后几个模块进行微调（0 表示不微调；微调更慢）</translation>
    </message>
    <message>
        <source>Backbone:</source>
        <translation>骨干网络：</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>训练轮数：</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <source>Dropout:</source>
        <translation>Dropout 比例：</translation>
    </message>
    <message>
        <source>Validation split:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <source>Fine-tune blocks:</source>
        <translation>微调模块数：</translation>
    </message>
    <message>
        <source>Fine-tune epochs:</source>
        <translation>微调轮数：</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a classifier on the labelled photos (Ctrl+T)</source>
        <translation>用已标注的照片训练分类器（Ctrl+T）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Tick earlier runs to overlay their validation curves</source>
        <translation>勾选之前的训练，叠加显示它们的验证曲线</translation>
    </message>
    <message>
        <source>&lt;b&gt;Previous runs&lt;/b&gt;</source>
        <translation>&lt;b&gt;历次训练&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>训练日志</translation>
    </message>
    <message>
        <source>%1 (local folder)</source>
        <translation>%1（本地文件夹）</translation>
    </message>
    <message>
        <source>%1 (downloaded)</source>
        <translation>%1（已下载）</translation>
    </message>
    <message>
        <source>%1 (not downloaded)</source>
        <translation>%1（未下载）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
    <message>
        <source>%1 (imported)</source>
        <translation>%1（已导入）</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>从文件导入…</translation>
    </message>
    <message>
        <source>Copy a Keras .h5 file, a TF.js model.json or a Teachable Machine export folder into your backbones</source>
        <translation>把 Keras .h5 文件、TF.js model.json 或 Teachable Machine 导出文件夹复制到你的骨干网络中</translation>
    </message>
    <message>
        <source>Downloaded. Licence: %1.</source>
        <translation>已下载。许可证：%1。</translation>
    </message>
    <message>
        <source>Not downloaded yet: Train fetches it first (%1).</source>
        <translation>尚未下载：开始训练时会先下载（%1）。</translation>
    </message>
    <message>
        <source>Not downloaded yet: Train fetches it first.</source>
        <translation>尚未下载：开始训练时会先下载。</translation>
    </message>
    <message>
        <source>Licence: %1.</source>
        <translation>许可证：%1。</translation>
    </message>
    <message>
        <source>Import Backbone</source>
        <translation>导入骨干网络</translation>
    </message>
    <message>
        <source>Backbone models (*.h5 *.hdf5 model.json)</source>
        <translation>骨干网络模型 (*.h5 *.hdf5 model.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Cannot import the backbone: %1</source>
        <translation>无法导入骨干网络：%1</translation>
    </message>
    <message>
        <source>Imported backbone %1</source>
        <translation>已导入骨干网络 %1</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>骨干网络</translation>
    </message>
    <message>
        <source>Downloading the backbone; Stop cancels (it resumes later).</source>
        <translation>正在下载骨干网络；点击“停止”可取消（以后会继续下载）。</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Backbone download canceled</source>
        <translation>骨干网络下载已取消</translation>
    </message>
    <message>
        <source>No backbone</source>
        <translation>没有骨干网络</translation>
    </message>
    <message>
        <source>Backbone download canceled; it resumes next time.</source>
        <translation>骨干网络下载已取消；下次会继续下载。</translation>
    </message>
    <message>
        <source>Or choose &quot;Import from file…&quot; in the Backbone list to use a file you have.</source>
        <translation>也可以在骨干网络列表中选择“从文件导入…”，使用你已有的文件。</translation>
    </message>
    <message>
        <source>Backbone %1 ready</source>
        <translation>骨干网络 %1 已就绪</translation>
    </message>
    <message>
        <source>Cannot Train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>无法训练：%1</translation>
    </message>
    <message>
        <source>Training started</source>
        <translation>训练已开始</translation>
    </message>
    <message>
        <source>Done: validation accuracy %1%</source>
        <translation>完成：验证准确率 %1%</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Training stopped: %1</source>
        <translation>训练已停止：%1</translation>
    </message>
    <message>
        <source>Took %1</source>
        <translation>耗时 %1</translation>
    </message>
    <message>
        <source>%1 (validation)</source>
        <translation>%1（验证）</translation>
    </message>
</context>
<context>
    <name>tl::TrainingController</name>
    <message>
        <source>Choose a backbone on the Train page first.</source>
        <translation>请先在“训练”页选择骨干网络。</translation>
    </message>
    <message>
        <source>Label photos in at least two classes before training.</source>
        <translation>训练前请至少为两个类别标注照片。</translation>
    </message>
    <message>
        <source>Run %1 (%2)</source>
        <translation>第 %1 次训练（%2）</translation>
    </message>
</context>
<context>
    <name>tl::TrainingJob</name>
    <message>
        <source>Loading backbone</source>
        <translation>正在加载骨干网络</translation>
    </message>
    <message>
        <source>Downloading the backbone: %1 of %2</source>
        <translation>正在下载骨干网络：%1 / %2</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>正在保存</translation>
    </message>
    <message>
        <source>Saved the model to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message>
        <source>Extracting features</source>
        <translation>正在提取特征</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%1 / %2 张图像</translation>
    </message>
    <message>
        <source>Skipped %1</source>
        <translation>已跳过 %1</translation>
    </message>
    <message>
        <source>Features of %1 images in %2 s (%3 from the cache)</source>
        <translation>%1 张图像的特征，用时 %2 秒（%3 张来自缓存）</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>Epoch %1/%2</source>
        <translation>第 %1/%2 轮</translation>
    </message>
    <message>
        <source>Early stopping after epoch %1</source>
        <translation>在第 %1 轮后提前停止</translation>
    </message>
    <message>
        <source>Epoch %1/%2 - loss: %3 - accuracy: %4 - val_loss: %5 - val_accuracy: %6 - %7 s%8</source>
        <translation>第 %1/%2 轮 - 损失：%3 - 准确率：%4 - 验证损失：%5 - 验证准确率：%6 - %7 秒%8</translation>
    </message>
    <message>
        <source> (fine-tuning)</source>
        <translation>（微调）</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>微调中</translation>
    </message>
    <message>
        <source>Evaluating</source>
        <translation>正在评估</translation>
    </message>
</context>
</TS>
