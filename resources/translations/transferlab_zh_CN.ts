<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackboneChoiceList</name>
    <message>
        <source>%1, %2 px</source>
        <translation>%1，%2 像素</translation>
    </message>
    <message>
        <source>model folder on this computer</source>
        <translation>本机上的模型文件夹</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>缺失：%1</translation>
    </message>
    <message>
        <source>on this computer</source>
        <translation>已在本机</translation>
    </message>
    <message>
        <source>installed with TransferLab</source>
        <translation>随 TransferLab 安装</translation>
    </message>
    <message>
        <source>on this computer (Keras cache)</source>
        <translation>已在本机（Keras 缓存）</translation>
    </message>
    <message>
        <source>download, %1</source>
        <translation>需下载，%1</translation>
    </message>
    <message>
        <source>download on first use</source>
        <translation>首次使用时下载</translation>
    </message>
    <message>
        <source>imported from %1</source>
        <translation>导入自 %1</translation>
    </message>
</context>
<context>
    <name>ConfirmLabelsCommand</name>
    <message>
        <source>Not an Error</source>
        <translation>标注无误</translation>
    </message>
    <message>
        <source>Unconfirm Label</source>
        <translation>取消确认标注</translation>
    </message>
</context>
<context>
    <name>KeepTogetherCommand</name>
    <message>
        <source>Keep Duplicates on One Side</source>
        <translation>让重复照片留在训练/验证划分的同一侧</translation>
    </message>
</context>
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
        <source>not an image file</source>
        <translation>不是图像文件</translation>
    </message>
    <message>
        <source>does not exist</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>✓ excluded</source>
        <translation>✓ 已排除</translation>
    </message>
    <message>
        <source>✓ now %1</source>
        <translation>✓ 现为 %1</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>+%n more class(es)</source>
        <translation>
            <numerusform>还有 %n 个类别</numerusform>
        </translation>
    </message>
    <message>
        <source>no class yet</source>
        <translation>还没有类别</translation>
    </message>
    <message>
        <source> · %1 unlabeled</source>
        <translation> · %1 张未标注</translation>
    </message>
    <message>
        <source>model: %1% validation accuracy</source>
        <translation>模型：验证准确率 %1%</translation>
    </message>
    <message>
        <source>no model yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <source>changed %1</source>
        <translation>修改于 %1</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation>无法把 %1 复制到 %2</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>%1 exists already</source>
        <translation>%1 已存在</translation>
    </message>
    <message>
        <source>Cannot move %1 to %2</source>
        <translation>无法把 %1 移到 %2</translation>
    </message>
    <message>
        <source>%1 %2: choose a new folder</source>
        <translation>%1 %2：请选择一个新文件夹</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>The project file is missing</source>
        <translation>找不到项目文件</translation>
    </message>
    <message>
        <source>The project file is too large</source>
        <translation>项目文件太大</translation>
    </message>
    <message>
        <source>Not a TransferLab project</source>
        <translation>不是 TransferLab 项目</translation>
    </message>
</context>
<context>
    <name>ResultsGalleryFilter</name>
    <message>
        <source>False negatives: missed, predicted as another class</source>
        <translation>假阴性：被漏掉，预测为其他类别</translation>
    </message>
    <message>
        <source>False positives: other photos predicted as this class</source>
        <translation>假阳性：其他照片被预测为该类别</translation>
    </message>
    <message>
        <source>Predicted as %1</source>
        <translation>被预测为 %1</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>All mistakes, every class</source>
        <translation>全部错误（所有类别）</translation>
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
    <message numerus="yes">
        <source>%n photo(s) of %1 predicted correctly</source>
        <translation>
            <numerusform>%1 中有 %n 张照片预测正确</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n misclassified photo(s)</source>
        <translation>
            <numerusform>%n 张分类错误的照片</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserMessages</name>
    <message>
        <source>This cannot be used as it is</source>
        <translation>无法按原样使用</translation>
    </message>
    <message>
        <source>A file is damaged or not what its name says</source>
        <translation>文件已损坏，或与其名称所示的类型不符</translation>
    </message>
    <message>
        <source>TransferLab cannot read this kind of file yet</source>
        <translation>TransferLab 暂时无法读取这类文件</translation>
    </message>
    <message>
        <source>The backbone is not on this computer</source>
        <translation>本机上没有这个骨干网络</translation>
    </message>
    <message>
        <source>TransferLab will not write there</source>
        <translation>TransferLab 不会写入那里</translation>
    </message>
    <message>
        <source>A file could not be read or written</source>
        <translation>无法读取或写入文件</translation>
    </message>
    <message>
        <source>No internet connection, or the server cannot be reached</source>
        <translation>没有网络连接，或无法连接服务器</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
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
    <message numerus="yes">
        <source>Locate %n photo(s)</source>
        <translation>
            <numerusform>定位 %n 张照片</numerusform>
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
    <message>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <source>Turn each photo by up to this many degrees either way (72° is Keras&apos;s RandomRotation(0.2), a fifth of a full turn)</source>
        <translation>每张照片向任一方向最多旋转这么多度（72° 即 Keras 的 RandomRotation(0.2)，一整圈的五分之一）</translation>
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
    <name>tl::BackboneJob</name>
    <message>
        <source>Downloading the backbone: %1 of %2</source>
        <translation>正在下载骨干网络：%1 / %2</translation>
    </message>
</context>
<context>
    <name>tl::BackbonePicker</name>
    <message>
        <source>%1 (imported)</source>
        <translation>%1（已导入）</translation>
    </message>
    <message>
        <source>%1 (download)</source>
        <translation>%1（需下载）</translation>
    </message>
    <message>
        <source>The pretrained network whose view of the photos the classifier learns from. Those on this computer are listed first; the others are downloaded on first use</source>
        <translation>分类器从这个预训练网络对照片的理解中学习。本机已有的排在前面；其他的会在首次使用时下载</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Use a model folder (a Teachable Machine or TF.js export) where it is</source>
        <translation>在原位置直接使用模型文件夹（Teachable Machine 或 TF.js 导出）</translation>
    </message>
    <message>
        <source>Choose a Model Folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Downloaded on first use:</source>
        <translation>首次使用时下载：</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import a Keras .h5 file, a TF.js model.json or a Teachable Machine export folder</source>
        <translation>导入 Keras .h5 文件、TF.js model.json 或 Teachable Machine 导出文件夹</translation>
    </message>
    <message>
        <source>On this computer.</source>
        <translation>已在本机。</translation>
    </message>
    <message>
        <source>Downloaded when you train (%1).</source>
        <translation>训练时下载（%1）。</translation>
    </message>
    <message>
        <source>Licence: %1.</source>
        <translation>许可证：%1。</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>已导入：%1。</translation>
    </message>
    <message>
        <source>Photos are resized to %1×%1 px.</source>
        <translation>照片会缩放到 %1×%1 像素。</translation>
    </message>
    <message>
        <source>Choose a Backbone</source>
        <translation>选择骨干网络</translation>
    </message>
    <message>
        <source>Backbone models (*.h5 *.hdf5 *.keras model.json)</source>
        <translation>骨干网络模型 (*.h5 *.hdf5 *.keras model.json)</translation>
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
        <source>Cannot use this file: %1</source>
        <translation>无法使用这个文件：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>A backbone&apos;s tooltip: its catalogue name or file, then whether it is here.</extracomment>
        <translation>%1：%2</translation>
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
    <message>
        <source>Add a class (Ctrl+Shift+N)</source>
        <translation>添加类别（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Keys 1-9 move the selection to a class, 0 to Unlabeled, Delete excludes; double-click or Enter opens the photo</source>
        <translation>按 1-9 把选中的照片移到对应类别，按 0 移到“未标注”，按 Delete 排除；双击或按 Enter 打开照片</translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>定位…</translation>
    </message>
    <message>
        <source>Choose the folder where the photos are now</source>
        <translation>选择照片现在所在的文件夹</translation>
    </message>
    <message>
        <source>Where Are the Photos Now?</source>
        <translation>照片现在在哪里？</translation>
    </message>
    <message>
        <source>There is no class yet: add one first (Edit ▸ Add Class…, Ctrl+Shift+N).</source>
        <translation>还没有类别：请先添加一个（“编辑 ▸ 添加类别…”，Ctrl+Shift+N）。</translation>
    </message>
    <message numerus="yes">
        <source>There is no class %1: there are %n class(es).</source>
        <translation>
            <numerusform>没有第 %1 个类别：共有 %n 个类别。</numerusform>
        </translation>
    </message>
    <message>
        <source>Select photos first, then press a class key.</source>
        <translation>请先选择照片，再按类别键。</translation>
    </message>
    <message>
        <source>%1 cannot be a class name: %2.</source>
        <translation>%1 不能用作类别名：%2。</translation>
    </message>
    <message>
        <source>Delete Class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Delete the class “%1”?</source>
        <translation>删除类别“%1”？</translation>
    </message>
    <message numerus="yes">
        <source>Its %n photo(s) go back to Unlabeled. You can undo this with Edit ▸ Undo (Ctrl+Z).</source>
        <translation>
            <numerusform>其中的 %n 张照片将回到“未标注”。可以用“编辑 ▸ 撤销”（Ctrl+Z）撤销此操作。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted the class %1; its %n photo(s) are unlabeled. Undo with Ctrl+Z.</source>
        <translation>
            <numerusform>已删除类别 %1；其中的 %n 张照片变为未标注。按 Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) of this project cannot be found: moved, renamed, or on a drive that is not connected. Locate… finds them in the folder where they are now.</source>
        <translation>
            <numerusform>找不到本项目的 %n 张照片：它们可能已被移动、重命名，或位于未连接的驱动器上。“定位…”可以在它们现在所在的文件夹中找到它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Looking for %n photo(s)…</source>
        <translation>
            <numerusform>正在查找 %n 张照片…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n photo(s).</source>
        <translation>
            <numerusform>找到了 %n 张照片。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Photo</source>
        <translation>打开照片</translation>
    </message>
</context>
<context>
    <name>tl::DatasetDelegate</name>
    <message>
        <source>excluded</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
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
    <name>tl::DuplicateGroupDelegate</name>
    <message>
        <source>excluded</source>
        <translation>已排除</translation>
    </message>
</context>
<context>
    <name>tl::DuplicateGroupModel</name>
    <message numerus="yes">
        <source>%n photo(s), similarity %1</source>
        <translation>
            <numerusform>%n 张照片，相似度 %1</numerusform>
        </translation>
    </message>
    <message>
        <source> · straddles the training/validation split</source>
        <translation> · 横跨训练集/验证集划分</translation>
    </message>
    <message>
        <source> · kept on one side</source>
        <translation> · 已留在同一侧</translation>
    </message>
</context>
<context>
    <name>tl::DuplicateGroupsView</name>
    <message>
        <source>Keep &amp;All Straddling Groups on One Side</source>
        <translation>让所有横跨划分的组都留在同一侧(&amp;A)</translation>
    </message>
    <message>
        <source>Keep &amp;One</source>
        <translation>只保留一张(&amp;O)</translation>
    </message>
    <message>
        <source>Keep the largest photo of each selected group and exclude the others from training</source>
        <translation>保留每个选中组中最大的照片，其余照片不参与训练</translation>
    </message>
    <message>
        <source>Keep on One &amp;Side</source>
        <translation>留在同一侧(&amp;S)</translation>
    </message>
    <message>
        <source>Keep each selected group on one side of the training/validation split, so validation never sees a copy of a training photo</source>
        <translation>让每个选中的组都留在训练集/验证集划分的同一侧，这样验证集就不会包含训练照片的副本</translation>
    </message>
    <message>
        <source>&amp;View…</source>
        <translation>查看(&amp;V)…</translation>
    </message>
    <message>
        <source>No near-duplicates found.</source>
        <translation>没有找到近似重复的照片。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n group(s) of near-duplicates&lt;/b&gt; (copies, resized or recompressed versions, bursts).</source>
        <translation>
            <numerusform>&lt;b&gt;%n 组近似重复的照片&lt;/b&gt;（副本、缩放或重新压缩的版本、连拍）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s) straddle the training/validation split: validation then sees what training saw, and its accuracy is optimistic.</source>
        <translation>
            <numerusform>%n 组横跨训练集/验证集划分：验证集会看到训练时见过的照片，验证准确率因此偏高。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::EmbeddingMapView</name>
    <message>
        <source>PCA (instant)</source>
        <translation>PCA（即时）</translation>
    </message>
    <message>
        <source>t-SNE (neighbours)</source>
        <translation>t-SNE（近邻）</translation>
    </message>
    <message>
        <source>PCA keeps the broad layout; t-SNE keeps look-alike photos together, so clusters show as islands</source>
        <translation>PCA 保留整体布局；t-SNE 把相似的照片放在一起，因此聚类会显示为一个个“岛屿”</translation>
    </message>
    <message>
        <source>Pan and zoom</source>
        <translation>平移和缩放</translation>
    </message>
    <message>
        <source>Rectangle selection</source>
        <translation>矩形选择</translation>
    </message>
    <message>
        <source>Lasso selection</source>
        <translation>套索选择</translation>
    </message>
    <message>
        <source>Select on &amp;Data Page</source>
        <translation>在“数据”页中选中(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Label Selected as</source>
        <translation>将选中的照片标注为(&amp;L)</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>Clear Selection</source>
        <translation>清除选择</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Mouse</source>
        <translation>鼠标</translation>
    </message>
    <message>
        <source>Computing t-SNE… %1% %2</source>
        <translation>正在计算 t-SNE… %1% %2</translation>
    </message>
    <message>
        <source>t-SNE failed: %1</source>
        <translation>t-SNE 失败：%1</translation>
    </message>
    <message>
        <source>Computing t-SNE…</source>
        <translation>正在计算 t-SNE…</translation>
    </message>
    <message>
        <source>Unlabeled (%1)</source>
        <translation>未标注（%1）</translation>
    </message>
    <message>
        <source>Suspected label error</source>
        <translation>疑似标注错误</translation>
    </message>
    <message>
        <source>Misclassified (last run)</source>
        <translation>分类错误（最近一次训练）</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>已选中</translation>
    </message>
    <message>
        <source>Check the labels first: the map shows the inspected photos.</source>
        <translation>请先检查标注：这张图显示的是已检查的照片。</translation>
    </message>
    <message>
        <source>No t-SNE layout</source>
        <translation>没有 t-SNE 布局</translation>
    </message>
    <message>
        <source>%1 photos · %2 selected</source>
        <translation>%1 张照片 · 已选中 %2 张</translation>
    </message>
</context>
<context>
    <name>tl::GradCamJob</name>
    <message>
        <source>No model: train one or load a saved model</source>
        <translation>没有模型：请训练一个或加载已保存的模型</translation>
    </message>
    <message>
        <source>Computing heat-maps</source>
        <translation>正在计算热力图</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>%1 / %2 张照片</translation>
    </message>
</context>
<context>
    <name>tl::HeatmapController</name>
    <message>
        <source>Train a model (or load one on the Test page) to see heat-maps.</source>
        <translation>训练一个模型（或在“测试”页加载一个），即可查看热力图。</translation>
    </message>
</context>
<context>
    <name>tl::HeatmapOverlayWidget</name>
    <message>
        <source>No photo</source>
        <translation>没有照片</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>tl::HeatmapViewer</name>
    <message>
        <source>Why the Model Decided — Heat-map</source>
        <translation>模型的判断依据 — 热力图</translation>
    </message>
    <message>
        <source>&amp;Heat-map</source>
        <translation>热力图(&amp;H)</translation>
    </message>
    <message>
        <source>Grad-CAM: the regions that raised the class&apos;s score (H)</source>
        <translation>Grad-CAM：提高该类别得分的区域（H）</translation>
    </message>
    <message>
        <source>Opacity of the heat-map</source>
        <translation>热力图的不透明度</translation>
    </message>
    <message>
        <source>The class whose evidence the heat-map shows</source>
        <translation>热力图显示哪个类别的依据</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — predicted &lt;b&gt;%2&lt;/b&gt; (%3) · heat-map of &lt;b&gt;%4&lt;/b&gt;, %5×%6 grid</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — 预测为 &lt;b&gt;%2&lt;/b&gt;（%3）· &lt;b&gt;%4&lt;/b&gt; 的热力图，%5×%6 网格</translation>
    </message>
    <message>
        <source>No heat-map: %1</source>
        <translation>没有热力图：%1</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>the predicted class</source>
        <translation>预测的类别</translation>
    </message>
    <message>
        <source>Computing the heat-map…</source>
        <translation>正在计算热力图…</translation>
    </message>
</context>
<context>
    <name>tl::ImageLimitsDialog</name>
    <message>
        <source>Image Limits</source>
        <translation>图像限制</translation>
    </message>
    <message>
        <source> megapixels</source>
        <translation> 百万像素</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Keep damaged JPEGs (use the part that decodes)</source>
        <translation>保留损坏的 JPEG（使用能解码的部分）</translation>
    </message>
    <message>
        <source>Photos beyond these limits are skipped and listed with the reason, so that no single file can exhaust the computer&apos;s memory. Truncated or damaged JPEGs are skipped too, unless kept here.</source>
        <translation>超出这些限制的照片会被跳过，并连同原因一起列出，这样任何单个文件都不会耗尽计算机的内存。截断或损坏的 JPEG 也会被跳过，除非在这里选择保留。</translation>
    </message>
    <message>
        <source>Largest image:</source>
        <translation>最大图像尺寸：</translation>
    </message>
    <message>
        <source>Largest image file:</source>
        <translation>最大图像文件：</translation>
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
    <message>
        <source>This photo is no longer there</source>
        <translation>这张照片已不在原处</translation>
    </message>
</context>
<context>
    <name>tl::InspectionController</name>
    <message>
        <source>The inspection is already running.</source>
        <translation>检查已在进行中。</translation>
    </message>
    <message>
        <source>Choose a backbone on the Train page first.</source>
        <translation>请先在“训练”页选择骨干网络。</translation>
    </message>
    <message>
        <source>Add photos to the project first.</source>
        <translation>请先向项目添加照片。</translation>
    </message>
</context>
<context>
    <name>tl::InspectionDialog</name>
    <message>
        <source>Inspect the Data — TransferLab</source>
        <translation>检查数据 — TransferLab</translation>
    </message>
    <message>
        <source>Likely &amp;Label Errors</source>
        <translation>可能的标注错误(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Outliers</source>
        <translation>离群照片(&amp;O)</translation>
    </message>
    <message>
        <source>Near-&amp;Duplicates</source>
        <translation>近似重复(&amp;D)</translation>
    </message>
    <message>
        <source>Embedding &amp;Map</source>
        <translation>嵌入图(&amp;M)</translation>
    </message>
    <message>
        <source>Check &amp;Again</source>
        <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
        <source>Inspect the project&apos;s photos again (features come from the cache)</source>
        <translation>重新检查项目中的照片（特征取自缓存）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The inspection failed: %1</source>
        <translation>检查失败：%1</translation>
    </message>
    <message>
        <source>Not inspected yet.</source>
        <translation>尚未检查。</translation>
    </message>
    <message>
        <source>%1 photos checked; out-of-fold accuracy %2% (%3-fold); %4 likely label errors, %5 near-duplicate groups, %6 outliers.</source>
        <translation>已检查 %1 张照片；折外准确率 %2%（%3 折）；%4 处可能的标注错误，%5 组近似重复，%6 张离群照片。</translation>
    </message>
    <message numerus="yes">
        <source> %n photo(s) could not be read.</source>
        <translation>
            <numerusform> %n 张照片无法读取。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tl::InspectionJob</name>
    <message>
        <source>Loading backbone</source>
        <translation>正在加载骨干网络</translation>
    </message>
    <message>
        <source>Extracting features</source>
        <translation>正在提取特征</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>%1 / %2 张照片</translation>
    </message>
    <message>
        <source>Skipped %1: %2</source>
        <translation>已跳过 %1：%2</translation>
    </message>
    <message>
        <source>Features of %1 photos in %2 s (%3 from the cache)</source>
        <translation>%1 张照片的特征，用时 %2 秒（%3 张来自缓存）</translation>
    </message>
    <message>
        <source>Finding near-duplicates</source>
        <translation>正在查找近似重复</translation>
    </message>
    <message>
        <source>Checking labels</source>
        <translation>正在检查标注</translation>
    </message>
    <message>
        <source>Fold %1 of %2</source>
        <translation>第 %1 折，共 %2 折</translation>
    </message>
    <message>
        <source>Out-of-fold accuracy %1% over %2 labelled photos; %3 suspected label errors</source>
        <translation>%2 张已标注照片的折外准确率为 %1%；%3 处疑似标注错误</translation>
    </message>
    <message>
        <source>Label check skipped: it needs labelled photos of at least two classes</source>
        <translation>已跳过标注检查：需要至少两个类别的已标注照片</translation>
    </message>
    <message>
        <source>Finding outliers</source>
        <translation>正在查找离群照片</translation>
    </message>
    <message>
        <source>Projecting the map</source>
        <translation>正在计算投影图</translation>
    </message>
</context>
<context>
    <name>tl::InspectionMenu</name>
    <message>
        <source>&amp;Inspect</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Check Labels…</source>
        <translation>检查标注(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+K</source>
        <translation>Ctrl+Shift+K</translation>
    </message>
    <message>
        <source>Find photos that are probably labelled wrong, over all photos</source>
        <translation>在全部照片中查找可能标注错误的照片</translation>
    </message>
    <message>
        <source>&amp;Outliers…</source>
        <translation>离群照片(&amp;O)…</translation>
    </message>
    <message>
        <source>Near-&amp;Duplicates…</source>
        <translation>近似重复(&amp;D)…</translation>
    </message>
    <message>
        <source>Embedding &amp;Map…</source>
        <translation>嵌入图(&amp;M)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+M</source>
        <translation>Ctrl+Shift+M</translation>
    </message>
    <message>
        <source>&amp;Explain Selected Photos…</source>
        <translation>解释选中的照片(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>Grad-CAM heat-maps: which parts of the photos made the model decide</source>
        <translation>Grad-CAM 热力图：照片的哪些部分决定了模型的判断</translation>
    </message>
    <message>
        <source>&amp;Label Next…</source>
        <translation>标注下一张(&amp;L)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+J</source>
        <translation>Ctrl+Shift+J</translation>
    </message>
    <message>
        <source>Label the unlabeled photos the model is least sure about, one by one</source>
        <translation>逐张标注模型最没把握的未标注照片</translation>
    </message>
    <message>
        <source>Selected %1 photos; %2 are hidden by the Data page&apos;s filters</source>
        <translation>已选中 %1 张照片；其中 %2 张被“数据”页的筛选条件隐藏</translation>
    </message>
    <message numerus="yes">
        <source>Selected %n photo(s)</source>
        <translation>
            <numerusform>已选中 %n 张照片</numerusform>
        </translation>
    </message>
    <message>
        <source>Select photos on the Data, Results or Test page to see their heat-maps</source>
        <translation>在“数据”、“结果”或“测试”页选择照片，即可查看它们的热力图</translation>
    </message>
    <message>
        <source>Extracting features for Label Next…</source>
        <translation>正在为“标注下一张”提取特征…</translation>
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
    <name>tl::LabelNextController</name>
    <message>
        <source>Check the labels first: Label next uses the inspection&apos;s features.</source>
        <translation>请先检查标注：“标注下一张”使用检查时提取的特征。</translation>
    </message>
</context>
<context>
    <name>tl::LabelNextDialog</name>
    <message>
        <source>Label Next</source>
        <translation>标注下一张</translation>
    </message>
    <message>
        <source>Skip (S)</source>
        <translation>跳过（S）</translation>
    </message>
    <message>
        <source>Not sure: show the next photo (this one is not suggested again in this session)</source>
        <translation>不确定：显示下一张照片（本次会话中不会再推荐这一张）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>The model&apos;s guess: &lt;b&gt;%1&lt;/b&gt; (%2%) — uncertainty %3; suggested because it is near the decision boundary and unlike the photos suggested before it</source>
        <translation>模型的猜测：&lt;b&gt;%1&lt;/b&gt;（%2%）— 不确定度 %3；推荐它是因为它靠近决策边界，且与之前推荐的照片不同</translation>
    </message>
    <message>
        <source>Training the head on your labels…</source>
        <translation>正在用你的标注训练分类头…</translation>
    </message>
    <message>
        <source>No unlabeled photos left to suggest.</source>
        <translation>没有可推荐的未标注照片了。</translation>
    </message>
    <message>
        <source>%1 labelled in this session · %2 unlabeled left · the head retrains every %3 labels%4</source>
        <translation>本次会话已标注 %1 张 · 剩余 %2 张未标注 · 每标注 %3 张重新训练一次分类头%4</translation>
    </message>
    <message>
        <source> (retraining now)</source>
        <translation>（正在重新训练）</translation>
    </message>
</context>
<context>
    <name>tl::LabelledPhotoExportDialog</name>
    <message>
        <source>Export Labelled Photos</source>
        <translation>导出已标注照片</translation>
    </message>
    <message>
        <source>Writes the project&apos;s labels, with your corrections, where other tools can read them. Excluded and unlabeled photos are left out. Your photo folders are not touched: TransferLab writes only a new folder or file.</source>
        <translation>把项目的标注（包括你的修正）写成其他工具可以读取的形式。已排除和未标注的照片不会导出。你的照片文件夹不会被改动：TransferLab 只会写入一个新文件夹或新文件。</translation>
    </message>
    <message>
        <source>A folder of class sub-folders with copies of the photos</source>
        <translation>按类别分子文件夹的文件夹，包含照片的副本</translation>
    </message>
    <message>
        <source>A folder of class sub-folders with hard links (no extra disk space; copies where links are not possible)</source>
        <translation>按类别分子文件夹的文件夹，使用硬链接（不占用额外磁盘空间；无法链接时复制）</translation>
    </message>
    <message>
        <source>A labels CSV file (path, label)</source>
        <translation>标注 CSV 文件（路径，标注）</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Write to:</source>
        <translation>写入到：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n labelled photo(s) in %1 class(es)</source>
        <translation>
            <numerusform>%1 个类别中的 %n 张已标注照片</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels CSV</source>
        <translation>标注 CSV 文件</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>New Folder for the Photos</source>
        <translation>存放照片的新文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n photo(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 张照片导出到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them as hard links.</source>
        <translation>
            <numerusform>其中 %n 张为硬链接。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) were missing and left out.</source>
        <translation>
            <numerusform>%n 张照片缺失，未导出。</numerusform>
        </translation>
    </message>
    <message>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：没有写入任何内容。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>tl::LabelledPhotoExportJob</name>
    <message>
        <source>No labelled photos to export</source>
        <translation>没有可导出的已标注照片</translation>
    </message>
    <message>
        <source>exists already</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>is a file</source>
        <translation>是一个文件</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不是空文件夹</translation>
    </message>
    <message>
        <source>holds photos of the project</source>
        <translation>包含本项目的照片</translation>
    </message>
    <message>
        <source>Writing the labels</source>
        <translation>正在写入标注</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n label(s) to %1</source>
        <translation>
            <numerusform>已将 %n 条标注写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Linking the photos</source>
        <translation>正在链接照片</translation>
    </message>
    <message>
        <source>Copying the photos</source>
        <translation>正在复制照片</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2</source>
        <translation>无法把 %1 复制到 %2</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>%1 / %2 张照片</translation>
    </message>
    <message>
        <source>Cannot move the export into %1</source>
        <translation>无法把导出结果移到 %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n photo(s) to %1</source>
        <translation>
            <numerusform>已将 %n 张照片导出到 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) were missing and left out</source>
        <translation>
            <numerusform>%n 张照片缺失，未导出</numerusform>
        </translation>
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
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>Training done: validation accuracy %1%</source>
        <translation>训练完成：验证准确率 %1%</translation>
    </message>
    <message>
        <source>Export Model</source>
        <translation>导出模型</translation>
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
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;Not saved&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;未保存&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>Open a &amp;Folder of Photos…</source>
        <translation>打开照片文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>A folder of class sub-folders becomes a project</source>
        <translation>按类别分子文件夹的文件夹将成为一个项目</translation>
    </message>
    <message>
        <source>&amp;Close Project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <source>E&amp;xport Labelled Photos…</source>
        <translation>导出已标注照片(&amp;X)…</translation>
    </message>
    <message>
        <source>Your labels, with your corrections, as class folders or a CSV for other tools</source>
        <translation>把你的标注（包括修正）导出为类别文件夹或 CSV，供其他工具使用</translation>
    </message>
    <message>
        <source>Projects are saved after every change; this saves now</source>
        <translation>项目在每次更改后都会自动保存；此操作立即保存</translation>
    </message>
    <message>
        <source>&amp;Delete Class…</source>
        <translation>删除类别(&amp;D)…</translation>
    </message>
    <message>
        <source>Image &amp;Limits…</source>
        <translation>图像限制(&amp;L)…</translation>
    </message>
    <message>
        <source>Reopen the Last Project on Launch</source>
        <translation>启动时重新打开上次的项目</translation>
    </message>
    <message>
        <source>Stop the training first.</source>
        <translation>请先停止训练。</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Name of the project (a folder in %1):</source>
        <translation>项目名称（%1 中的一个文件夹）：</translation>
    </message>
    <message>
        <source>My project</source>
        <translation>我的项目</translation>
    </message>
    <message>
        <source>TransferLab projects (%1);;All files (*)</source>
        <translation>TransferLab 项目 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a Folder of Photos (one sub-folder per class)</source>
        <translation>打开照片文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <source>%1 copy</source>
        <extracomment>The folder suggested for a copy of the project; %1 is the project&apos;s name.</extracomment>
        <translation>%1 副本</translation>
    </message>
    <message>
        <source>TransferLab</source>
        <translation>TransferLab</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>未写入</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Log file&lt;/b&gt; (attach it to a bug report):&lt;br&gt;%1&lt;/p&gt;&lt;p&gt;&lt;b&gt;Projects:&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;Backbones:&lt;/b&gt; %3&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;日志文件&lt;/b&gt;（提交错误报告时请附上）：&lt;br&gt;%1&lt;/p&gt;&lt;p&gt;&lt;b&gt;项目：&lt;/b&gt;%2&lt;br&gt;&lt;b&gt;骨干网络：&lt;/b&gt;%3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Alpaca example</source>
        <translation>羊驼示例</translation>
    </message>
    <message>
        <source>Training stopped.</source>
        <translation>训练已停止。</translation>
    </message>
    <message>
        <source>Training did not finish: %1</source>
        <translation>训练未完成：%1</translation>
    </message>
    <message>
        <source>Training Is Running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>A model is being trained. Quit anyway?</source>
        <translation>模型正在训练。仍要退出吗？</translation>
    </message>
    <message>
        <source>TransferLab can finish this epoch and keep the best model so far, then quit.</source>
        <translation>TransferLab 可以完成当前这一轮，保留目前最好的模型，然后退出。</translation>
    </message>
    <message>
        <source>Keep the Best Model and Quit</source>
        <translation>保留最佳模型并退出</translation>
    </message>
    <message>
        <source>No epoch has finished yet, so there is no model to keep.</source>
        <translation>还没有完成任何一轮训练，因此没有可保留的模型。</translation>
    </message>
    <message>
        <source>Stop and Quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <source>Keep Training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Finishing the epoch and saving the model, then quitting…</source>
        <translation>正在完成这一轮并保存模型，随后退出…</translation>
    </message>
</context>
<context>
    <name>tl::MissingBackboneDialog</name>
    <message>
        <source>A Backbone Is Needed</source>
        <translation>需要骨干网络</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;To learn from your photos, TransferLab starts from a network already trained on a million everyday photos: a backbone.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;The backbone chosen for this project, %1, is not on this computer yet.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;为了从你的照片中学习，TransferLab 以一个已在上百万张日常照片上训练过的网络为起点：骨干网络。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;本项目选用的骨干网络 %1 还不在这台计算机上。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>download it (once; it is kept for every project)</source>
        <translation>下载它（只需一次；所有项目共用）</translation>
    </message>
    <message>
        <source>choose a backbone file you have</source>
        <translation>选择你已有的骨干网络文件</translation>
    </message>
    <message>
        <source>use %1, which came with TransferLab</source>
        <translation>使用随 TransferLab 提供的 %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;You can %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;你可以%1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>, or </source>
        <translation>，或</translation>
    </message>
    <message>
        <source>Download (about %1)</source>
        <translation>下载（约 %1）</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Needs an internet connection</source>
        <translation>需要网络连接</translation>
    </message>
    <message>
        <source>Choose a File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>A Keras .h5 file, a TensorFlow.js model.json or a Teachable Machine export folder</source>
        <translation>Keras .h5 文件、TensorFlow.js model.json 或 Teachable Machine 导出文件夹</translation>
    </message>
    <message>
        <source>Use the Bundled Backbone</source>
        <translation>使用自带的骨干网络</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
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
    <name>tl::PhotoViewer</name>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>&lt;small&gt;Keys: 1–9 move the photo to a class, 0 to Unlabeled, Delete excludes it; ←/→ previous/next; +/− zoom, F fits; Esc closes.&lt;/small&gt;</source>
        <translation>&lt;small&gt;按键：1–9 把照片移到对应类别，0 移到“未标注”，Delete 排除；←/→ 上一张/下一张；+/− 缩放，F 适应窗口；Esc 关闭。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>← Previous</source>
        <translation>← 上一张</translation>
    </message>
    <message>
        <source>Next →</source>
        <translation>下一张 →</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model:&lt;/b&gt; %1&lt;table width=&apos;100%&apos; cellspacing=&apos;2&apos;&gt;</source>
        <translation>&lt;b&gt;模型：&lt;/b&gt;%1&lt;table width=&apos;100%&apos; cellspacing=&apos;2&apos;&gt;</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>没有照片</translation>
    </message>
    <message>
        <source>%1 — Photo</source>
        <translation>%1 — 照片</translation>
    </message>
    <message>
        <source>Not in the project. Press 1–9 to add it to a class.</source>
        <translation>不在项目中。按 1–9 可将它加入对应类别。</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>&lt;b&gt;Label:&lt;/b&gt; &lt;span style=&apos;background:%1; color:%2&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt;%4</source>
        <translation>&lt;b&gt;标注：&lt;/b&gt; &lt;span style=&apos;background:%1; color:%2&apos;&gt;&amp;nbsp;%3&amp;nbsp;&lt;/span&gt;%4</translation>
    </message>
    <message>
        <source> &lt;i&gt;(excluded from training)&lt;/i&gt;</source>
        <translation> &lt;i&gt;（不参与训练）&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Heat-map…</source>
        <translation>热力图…</translation>
    </message>
    <message>
        <source>Why the model decided: a Grad-CAM heat-map of this photo</source>
        <translation>模型为何如此判断：这张照片的 Grad-CAM 热力图</translation>
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
    <message>
        <source>
Excluded since</source>
        <translation>
此后已排除</translation>
    </message>
    <message>
        <source>
Corrected since: now %1</source>
        <translation>
此后已修正：现为 %1</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
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
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>The project file has format version %1, newer than this TransferLab reads (%2): update TransferLab to open it</source>
        <translation>项目文件的格式版本为 %1，比此版本 TransferLab 能读取的版本（%2）更新：请更新 TransferLab 后再打开</translation>
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
    <name>tl::ProjectionJob</name>
    <message>
        <source>Computing the t-SNE map</source>
        <translation>正在计算 t-SNE 图</translation>
    </message>
    <message>
        <source>Computing the PCA map</source>
        <translation>正在计算 PCA 图</translation>
    </message>
    <message>
        <source>Iteration %1 of %2</source>
        <translation>第 %1 次迭代，共 %2 次</translation>
    </message>
    <message>
        <source>%1 photos projected in %2 s</source>
        <translation>已投影 %1 张照片，用时 %2 秒</translation>
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
    <message>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt; (validation photos)</source>
        <translation>&lt;b&gt;混淆矩阵&lt;/b&gt;（验证集照片）</translation>
    </message>
    <message>
        <source>The class whose photos to show</source>
        <translation>要显示哪个类别的照片</translation>
    </message>
    <message>
        <source>False negatives: photos of the class the model missed. False positives: photos of other classes it took for this one.</source>
        <translation>假阴性：模型漏掉的该类别照片。假阳性：被模型误认为该类别的其他类别照片。</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>&lt;p&gt;%1&lt;/p&gt;</source>
        <translation>&lt;p&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Validation accuracy: %1%&lt;/b&gt; &amp;nbsp; loss %2&lt;br&gt;%3 photos, %4 misclassified&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;验证准确率：%1%&lt;/b&gt; &amp;nbsp; 损失 %2&lt;br&gt;共 %3 张照片，%4 张分类错误&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the last run</source>
        <translation>最近一次训练</translation>
    </message>
    <message>
        <source>These results are from %1, before your last label change.</source>
        <translation>这些结果来自 %1，是在你最近一次修改标注之前得到的。</translation>
    </message>
    <message>
        <source>These results are from %1, before your last %2 label changes.</source>
        <translation>这些结果来自 %1，是在你最近 %2 次修改标注之前得到的。</translation>
    </message>
    <message>
        <source>&lt;a href=&apos;retrain&apos;&gt;Retrain&lt;/a&gt; to see what the corrected labels give.</source>
        <translation>&lt;a href=&apos;retrain&apos;&gt;重新训练&lt;/a&gt;，看看修正后的标注效果如何。</translation>
    </message>
    <message numerus="yes">
        <source> (%n corrected)</source>
        <translation>
            <numerusform>（已修正 %n 张）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Relabel %n photo(s) as predicted</source>
        <translation>
            <numerusform>按预测重新标注 %n 张照片</numerusform>
        </translation>
    </message>
    <message>
        <source>Cross-validated: the training photos are split into k folds, and each fold is predicted by a classifier trained on the others; the figure is the mean over the folds, ± their standard deviation. It rests on every training photo, so it is steadier than the validation split&apos;s. The calibration error is how far the model&apos;s confidence is from how often it is right.</source>
        <translation>交叉验证：训练照片被分成 k 折，每一折由在其余各折上训练的分类器预测；该数值是各折的平均值 ± 标准差。它基于全部训练照片，因此比验证集的数值更稳定。校准误差表示模型的置信度与其实际正确率之间的差距。</translation>
    </message>
    <message>
        <source>Recall, cross-validated</source>
        <translation>召回率（交叉验证）</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;k-fold cross-validated: %1% ± %2%&lt;/b&gt; (%n folds)</source>
        <translation>
            <numerusform>&lt;b&gt;k 折交叉验证：%1% ± %2%&lt;/b&gt;（%n 折）</numerusform>
        </translation>
    </message>
    <message>
        <source>Not cross-validated: fine-tuning runs, and runs with too few photos per class, report the validation split only.</source>
        <translation>未进行交叉验证：微调的训练，以及每个类别照片过少的训练，只报告验证集的结果。</translation>
    </message>
    <message>
        <source>Calibrated: expected calibration error %1% → %2% (temperature %3)</source>
        <translation>已校准：期望校准误差 %1% → %2%（温度 %3）</translation>
    </message>
    <message>
        <source>Calibrated (temperature %1)</source>
        <translation>已校准（温度 %1）</translation>
    </message>
    <message>
        <source>no hidden layer</source>
        <translation>无隐藏层</translation>
    </message>
    <message>
        <source>a hidden layer of %1</source>
        <translation>一个 %1 单元的隐藏层</translation>
    </message>
    <message>
        <source>augmented views</source>
        <translation>增强视图</translation>
    </message>
    <message>
        <source>the photos</source>
        <translation>原始照片</translation>
    </message>
    <message>
        <source>the photos and their mirror images</source>
        <translation>照片及其镜像</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>mirror + crops</source>
        <translation>镜像 + 裁剪</translation>
    </message>
    <message>
        <source>&lt;b&gt;Automatic recipe&lt;/b&gt; chose %1 px, %2 epochs, learning rate %3, dropout %4, L2 %5, %6; trained on %7; test-time augmentation %8.</source>
        <translation>&lt;b&gt;自动方案&lt;/b&gt;选择了 %1 像素、%2 轮、学习率 %3、Dropout %4、L2 %5、%6；在%7上训练；测试时增强：%8。</translation>
    </message>
    <message numerus="yes">
        <source>It compared %n setting(s) by cross-validation in %1.</source>
        <translation>
            <numerusform>它用交叉验证比较了 %n 种设置，用时 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Calibrated: expected calibration error %1% → %2% (temperature %3; a perfectly calibrated model would show about %4% on these photos)</source>
        <translation>已校准：期望校准误差 %1% → %2%（温度 %3；在这些照片上，完美校准的模型约为 %4%）</translation>
    </message>
</context>
<context>
    <name>tl::RunProgress</name>
    <message>
        <source>Loading the backbone</source>
        <translation>正在加载骨干网络</translation>
    </message>
    <message>
        <source>Extracting features</source>
        <translation>正在提取特征</translation>
    </message>
    <message>
        <source>Training the classifier</source>
        <translation>正在训练分类器</translation>
    </message>
    <message>
        <source>Fine-tuning the backbone</source>
        <translation>正在微调骨干网络</translation>
    </message>
    <message>
        <source>Measuring on the validation photos</source>
        <translation>正在验证集照片上评估</translation>
    </message>
    <message>
        <source>Saving the model</source>
        <translation>正在保存模型</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>%1 / %2 张照片</translation>
    </message>
    <message>
        <source>Epoch %1 of %2</source>
        <translation>第 %1 轮，共 %2 轮</translation>
    </message>
    <message>
        <source>Estimating the time left…</source>
        <translation>正在估算剩余时间…</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>约剩 %1</translation>
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
        <source>Choosing the recipe by cross-validation</source>
        <translation>正在通过交叉验证选择训练方案</translation>
    </message>
    <message>
        <source>Cross-validating the classifier</source>
        <translation>正在交叉验证分类器</translation>
    </message>
</context>
<context>
    <name>tl::StartPage</name>
    <message>
        <source>&lt;h1&gt;TransferLab&lt;/h1&gt;&lt;p&gt;Label photos, train an image classifier on them, test it. Offline, on this computer.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;TransferLab&lt;/h1&gt;&lt;p&gt;标注照片，用它们训练图像分类器并测试。离线运行，就在这台计算机上。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>New Project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>An empty project; add photos next</source>
        <translation>空项目；接下来添加照片</translation>
    </message>
    <message>
        <source>Open a Folder of Photos…</source>
        <translation>打开照片文件夹…</translation>
    </message>
    <message>
        <source>A folder with one sub-folder per class becomes a project; the photos stay where they are</source>
        <translation>每个类别一个子文件夹的文件夹将成为一个项目；照片保留在原处</translation>
    </message>
    <message>
        <source>Open Project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>A project from another folder</source>
        <translation>其他文件夹中的项目</translation>
    </message>
    <message>
        <source>Try the Example</source>
        <translation>试用示例</translation>
    </message>
    <message>
        <source>Alpacas and other animals: a two-class project to try TransferLab on</source>
        <translation>羊驼和其他动物：一个用来试用 TransferLab 的两类别项目</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open</source>
        <translation>双击或按 Enter 打开</translation>
    </message>
    <message>
        <source>Projects you open appear here.</source>
        <translation>你打开过的项目会显示在这里。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Remove from This List</source>
        <translation>从列表中移除</translation>
    </message>
    <message>
        <source>Reopen the last project on launch</source>
        <translation>启动时重新打开上次的项目</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent projects&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的项目&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Downloads about 300 photos of alpacas and other animals from Google Open Images (CC BY 2.0; the authors are credited in attribution.csv). Needs an internet connection.</source>
        <translation>从 Google Open Images 下载约 300 张羊驼和其他动物的照片（CC BY 2.0；作者署名记录在 attribution.csv 中）。需要网络连接。</translation>
    </message>
    <message>
        <source>Uses the example photos in %1.</source>
        <translation>使用 %1 中的示例照片。</translation>
    </message>
    <message>
        <source>New projects are kept in %1, one folder each, with their models. Your photos stay where they are.</source>
        <translation>新项目保存在 %1 中，每个项目一个文件夹，连同其模型。你的照片保留在原处。</translation>
    </message>
</context>
<context>
    <name>tl::SuggestionJob</name>
    <message>
        <source>Extracting features</source>
        <translation>正在提取特征</translation>
    </message>
    <message>
        <source>%1 of %2 photos</source>
        <translation>%1 / %2 张照片</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>正在排序</translation>
    </message>
    <message>
        <source>Label a few photos of at least two classes first</source>
        <translation>请先为至少两个类别标注几张照片</translation>
    </message>
    <message>
        <source>Training the head</source>
        <translation>正在训练分类头</translation>
    </message>
</context>
<context>
    <name>tl::SuspectGallery</name>
    <message>
        <source>&amp;Relabel as Suggested</source>
        <translation>按建议重新标注(&amp;R)</translation>
    </message>
    <message>
        <source>The label was wrong: move the selected photos to the class the out-of-fold predictions suggest</source>
        <translation>标注有误：把选中的照片移到折外预测建议的类别</translation>
    </message>
    <message>
        <source>&amp;Move to</source>
        <translation>移到(&amp;M)</translation>
    </message>
    <message>
        <source>E&amp;xclude</source>
        <translation>排除(&amp;X)</translation>
    </message>
    <message>
        <source>Leave the selected photos out of training</source>
        <translation>让选中的照片不参与训练</translation>
    </message>
    <message>
        <source>&amp;Not an Error</source>
        <translation>标注无误(&amp;N)</translation>
    </message>
    <message>
        <source>The label is right: stop listing these photos (remembered in the project while they keep this label)</source>
        <translation>标注是对的：不再列出这些照片（只要它们保持这个标注，项目就会记住）</translation>
    </message>
    <message>
        <source>&amp;Heat-map…</source>
        <translation>热力图(&amp;H)…</translation>
    </message>
    <message>
        <source>Open the selected photo large, with the model&apos;s heat-map</source>
        <translation>放大打开选中的照片，并显示模型的热力图</translation>
    </message>
    <message>
        <source>No likely label errors left to review.</source>
        <translation>没有需要复查的可能标注错误了。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n photo(s) whose label the model doubts&lt;/b&gt;, most suspect first. Each was predicted by a model that never saw it (5-fold cross-validation over all photos). Bars: out-of-fold probabilities.</source>
        <translation>
            <numerusform>&lt;b&gt;%n 张照片的标注受到模型怀疑&lt;/b&gt;，最可疑的排在前面。每张照片都由从未见过它的模型预测（对全部照片做 5 折交叉验证）。条形：折外概率。</numerusform>
        </translation>
    </message>
    <message>
        <source>No outliers: every photo has close neighbours.</source>
        <translation>没有离群照片：每张照片都有相近的照片。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n photo(s) far from every other photo&lt;/b&gt; (most isolated first): another subject, a screenshot, a blank frame?</source>
        <translation>
            <numerusform>&lt;b&gt;%n 张照片与其他所有照片都相差很远&lt;/b&gt;（最孤立的排在前面）：是别的主题、截图，还是空白画面？</numerusform>
        </translation>
    </message>
    <message>
        <source>Relabel as Suggested</source>
        <translation>按建议重新标注</translation>
    </message>
    <message>
        <source>Heat-map…</source>
        <translation>热力图…</translation>
    </message>
    <message>
        <source>Show on Data Page</source>
        <translation>在“数据”页中显示</translation>
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
        <source>Not an Error</source>
        <translation>标注无误</translation>
    </message>
</context>
<context>
    <name>tl::SuspectListModel</name>
    <message>
        <source>Labelled %1</source>
        <translation>标注为 %1</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>
Looks like %1 (suspicion %2%%3)</source>
        <translation>
看起来像 %1（可疑度 %2%%3）</translation>
    </message>
    <message>
        <source>, below the class threshold</source>
        <translation>，低于该类别的阈值</translation>
    </message>
    <message>
        <source>
%1x as far from its nearest photos as a typical photo</source>
        <translation>
与最近照片的距离是一般照片的 %1 倍</translation>
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
        <source>Export Predictions</source>
        <translation>导出预测结果</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>In the order added</source>
        <translation>按添加顺序</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>置信度从高到低</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>置信度从低到高</translation>
    </message>
    <message>
        <source>Least confident first puts the photos the model hesitates on on top</source>
        <translation>“置信度从低到高”会把模型拿不准的照片排在最前面</translation>
    </message>
    <message>
        <source>Right-click to add photos to a class of the project; double-click to open one</source>
        <translation>右键单击可把照片加入项目中的某个类别；双击打开照片</translation>
    </message>
    <message>
        <source>Sort:</source>
        <translation>排序：</translation>
    </message>
    <message>
        <source>&lt;b&gt;Loading the model…&lt;/b&gt;</source>
        <translation>&lt;b&gt;正在加载模型…&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The current model cannot be used:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;当前模型无法使用：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Classification failed. %1</source>
        <translation>分类失败。%1</translation>
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
        <source>Add to Class %1 (as predicted)</source>
        <translation>加入类别 %1（按预测）</translation>
    </message>
    <message>
        <source>Add to Class</source>
        <translation>加入类别</translation>
    </message>
    <message numerus="yes">
        <source>Add %n tested photo(s) to %1</source>
        <translation>
            <numerusform>把 %n 张测试照片加入 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Added %n photo(s) to %1. Retrain to learn from them.</source>
        <translation>
            <numerusform>已把 %n 张照片加入 %1。重新训练即可从中学习。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot load the model. %1</source>
        <translation>无法加载模型。%1</translation>
    </message>
    <message>
        <source>Model&apos;s default</source>
        <translation>模型默认</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Mirror + crops</source>
        <translation>镜像 + 裁剪</translation>
    </message>
    <message>
        <source>Test-time augmentation: average the prediction of each photo with its mirror image (and centre crops). Often a little more accurate; two or four times slower. The model&apos;s default is what cross-validation chose when it was trained. Applies to the photos classified next</source>
        <translation>测试时增强：将每张照片的预测与其镜像（以及中心裁剪）的预测取平均。通常略微更准确，但慢两到四倍。模型默认值是训练时交叉验证选择的设置。对接下来分类的照片生效</translation>
    </message>
    <message>
        <source>Test-time augmentation:</source>
        <translation>测试时增强：</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>mirror + crops</source>
        <translation>镜像 + 裁剪</translation>
    </message>
    <message>
        <source>Model&apos;s default (%1)</source>
        <translation>模型默认（%1）</translation>
    </message>
</context>
<context>
    <name>tl::TestSummaryWidget</name>
    <message>
        <source>confidence (probability of the predicted class)</source>
        <translation>置信度（预测类别的概率）</translation>
    </message>
    <message>
        <source>photos</source>
        <translation>张照片</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n photo(s) classified&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;已分类 %n 张照片&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;br&gt;%n below 70% confidence: worth a look</source>
        <translation>
            <numerusform>&lt;br&gt;%n 张置信度低于 70%：值得一看</numerusform>
        </translation>
    </message>
    <message>
        <source>photos, %1% sure on average</source>
        <translation>张照片，平均置信度 %1%</translation>
    </message>
</context>
<context>
    <name>tl::ThumbnailCache</name>
    <message>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>太大</translation>
    </message>
</context>
<context>
    <name>tl::TrainPage</name>
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
        <source>Training log</source>
        <translation>训练日志</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>骨干网络</translation>
    </message>
    <message>
        <source>Backbone %1 ready</source>
        <translation>骨干网络 %1 已就绪</translation>
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
        <source>Imported the backbone %1</source>
        <translation>已导入骨干网络 %1</translation>
    </message>
    <message>
        <source>Stop now; this run&apos;s model is not kept</source>
        <translation>立即停止；不保留本次训练的模型</translation>
    </message>
    <message>
        <source>Finish Now</source>
        <translation>现在结束</translation>
    </message>
    <message>
        <source>End training after this epoch and keep the best model so far</source>
        <translation>在这一轮之后结束训练，并保留目前最好的模型</translation>
    </message>
    <message>
        <source>Finishing after this epoch; the best model so far is kept.</source>
        <translation>将在这一轮之后结束；保留目前最好的模型。</translation>
    </message>
    <message>
        <source>Tick earlier runs to overlay their validation curves; double-click a run to make its model the current one</source>
        <translation>勾选之前的训练，叠加显示它们的验证曲线；双击某次训练，把它的模型设为当前模型</translation>
    </message>
    <message>
        <source>Use This Model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;Runs&lt;/b&gt;</source>
        <translation>&lt;b&gt;历次训练&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The backbone %1 is not on this computer.</source>
        <translation>骨干网络 %1 不在这台计算机上。</translation>
    </message>
    <message>
        <source>Downloading the backbone %1</source>
        <translation>正在下载骨干网络 %1</translation>
    </message>
    <message>
        <source>Stop cancels; the download resumes next time.</source>
        <translation>点击“停止”可取消；下次会继续下载。</translation>
    </message>
    <message>
        <source>Backbone ready</source>
        <translation>骨干网络已就绪</translation>
    </message>
    <message>
        <source>Download canceled; it resumes next time.</source>
        <translation>下载已取消；下次会继续下载。</translation>
    </message>
    <message>
        <source>The download did not work. %1</source>
        <translation>下载失败。%1</translation>
    </message>
    <message>
        <source>Stopped; the previous model is kept.</source>
        <translation>已停止；保留之前的模型。</translation>
    </message>
    <message>
        <source>Training did not finish.</source>
        <translation>训练未完成。</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%p% of the run</source>
        <translation>训练进度 %p%</translation>
    </message>
    <message>
        <source>Elapsed %1. %2</source>
        <translation>已用 %1。%2</translation>
    </message>
    <message>
        <source> · current model</source>
        <translation> · 当前模型</translation>
    </message>
    <message>
        <source>Current model: %1, validation accuracy %2%</source>
        <translation>当前模型：%1，验证准确率 %2%</translation>
    </message>
    <message>
        <source>Done: cross-validated accuracy %1% ± %2%, validation accuracy %3%</source>
        <translation>完成：交叉验证准确率 %1% ± %2%，验证集准确率 %3%</translation>
    </message>
    <message>
        <source>%1% ± %2% cross-validated</source>
        <translation>%1% ± %2%（交叉验证）</translation>
    </message>
    <message>
        <source> · best</source>
        <translation> · 最佳</translation>
    </message>
    <message>
        <source>%1 · %2%3 · %4</source>
        <translation>%1 · %2%3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>Cross-validated accuracy (%n folds): %1% ± %2%</source>
        <translation>
            <numerusform>交叉验证准确率（%n 折）：%1% ± %2%</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation accuracy: %1%</source>
        <translation>验证集准确率：%1%</translation>
    </message>
    <message>
        <source>Settings chosen by the automatic recipe</source>
        <translation>设置由自动方案选择</translation>
    </message>
    <message>
        <source>The best run by cross-validated accuracy</source>
        <translation>按交叉验证准确率最佳的训练</translation>
    </message>
    <message>
        <source>Current model: %1, cross-validated accuracy %2% ± %3%, validation accuracy %4%</source>
        <translation>当前模型：%1，交叉验证准确率 %2% ± %3%，验证集准确率 %4%</translation>
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
    <message>
        <source>Add photos first: drop a folder of class sub-folders on the Data page.</source>
        <translation>请先添加照片：把按类别分子文件夹的文件夹拖到“数据”页。</translation>
    </message>
    <message>
        <source>Cannot read the results of %1: %2</source>
        <translation>无法读取 %1 的结果：%2</translation>
    </message>
    <message>
        <source>The model of %1 is no longer on disk</source>
        <translation>%1 的模型已不在磁盘上</translation>
    </message>
</context>
<context>
    <name>tl::TrainingCurves</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>%1 (validation)</source>
        <translation>%1（验证）</translation>
    </message>
</context>
<context>
    <name>tl::TrainingJob</name>
    <message>
        <source>Loading backbone</source>
        <translation>正在加载骨干网络</translation>
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
    <message>
        <source>The validation figures are without test-time augmentation (the base was fine-tuned); predictions use it</source>
        <translation>验证数据未使用测试时增强（骨干网络已微调）；预测时会使用</translation>
    </message>
    <message>
        <source>Choosing the recipe</source>
        <translation>正在选择训练方案</translation>
    </message>
    <message>
        <source>Too few photos per class for the automatic recipe: training the recommended recipe</source>
        <translation>每个类别的照片太少，无法自动选择方案：改用推荐方案训练</translation>
    </message>
    <message>
        <source>Cross-validating</source>
        <translation>正在交叉验证</translation>
    </message>
    <message>
        <source>Fold %1 of %2</source>
        <translation>第 %1 折，共 %2 折</translation>
    </message>
    <message>
        <source>Cross-validated accuracy %1 ± %2 (%3 folds, %4 of %5 training photos right out of fold%6)</source>
        <translation>交叉验证准确率 %1 ± %2（%3 折，%5 张训练照片中有 %4 张折外预测正确%6）</translation>
    </message>
    <message>
        <source>, with test-time augmentation</source>
        <translation>，使用测试时增强</translation>
    </message>
    <message>
        <source>Stopped after epoch %1 on request; keeping the best epoch&apos;s model</source>
        <translation>已按要求在第 %1 轮后停止；保留最佳一轮的模型</translation>
    </message>
    <message>
        <source>Stopped after epoch %1 on request; keeping this model</source>
        <translation>已按要求在第 %1 轮后停止；保留这个模型</translation>
    </message>
    <message>
        <source>calibration is off (the published recipe)</source>
        <translation>校准已关闭（已发表的方案）</translation>
    </message>
    <message>
        <source>too few training photos to fit a temperature</source>
        <translation>训练照片太少，无法拟合温度</translation>
    </message>
    <message>
        <source>every out-of-fold prediction was right: no temperature fitted</source>
        <translation>所有折外预测都正确：未拟合温度</translation>
    </message>
    <message>
        <source>Calibration: %1</source>
        <translation>校准：%1</translation>
    </message>
    <message>
        <source>Calibration: temperature %1; expected calibration error out of fold %2 -&gt; %3 (a perfectly calibrated model would show %4 on these photos)</source>
        <translation>校准：温度 %1；折外期望校准误差 %2 -&gt; %3（在这些照片上，完美校准的模型为 %4）</translation>
    </message>
</context>
<context>
    <name>tl::TrainingSettingsForm</name>
    <message>
        <source>The share of each class kept aside to measure the classifier on photos it has not learned from</source>
        <translation>每个类别留出的照片比例，用于在分类器没学过的照片上评估它</translation>
    </message>
    <message>
        <source>Augment the training photos</source>
        <translation>对训练照片做数据增强</translation>
    </message>
    <message>
        <source>Train on random flips, turns and crops of the photos (set them up on the Augmentation page); slower, often more robust</source>
        <translation>用照片的随机翻转、旋转和裁剪来训练（在“数据增强”页设置）；更慢，但通常更稳健</translation>
    </message>
    <message>
        <source>How many times the classifier sees every training photo. With the frozen backbone the photos&apos; features are computed once, so more epochs cost little</source>
        <translation>分类器看每张训练照片的次数。骨干网络冻结时，照片的特征只计算一次，所以增加轮数几乎不费时间</translation>
    </message>
    <message>
        <source>How big each learning step is (Adam). Too high and the curves jump about; too low and learning is slow. 0.001 suits most projects</source>
        <translation>每一步学习的幅度（Adam）。太高曲线会上下跳动；太低学习很慢。0.001 适合大多数项目</translation>
    </message>
    <message>
        <source>Photos per learning step</source>
        <translation>每一步学习使用的照片数</translation>
    </message>
    <message>
        <source>The share of features hidden at random in each step, so the classifier does not lean on a few of them</source>
        <translation>每一步随机屏蔽的特征比例，使分类器不会只依赖其中少数几个</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>After the classifier has learned, also adjust this many of the backbone&apos;s last blocks, at a low learning rate. Much slower; helps when your photos look unlike everyday photos</source>
        <translation>分类器学好之后，再以较低的学习率调整骨干网络最后这么多个模块（微调）。慢得多；当你的照片与日常照片差别较大时有帮助</translation>
    </message>
    <message>
        <source>Epochs of fine-tuning, after the classifier&apos;s epochs</source>
        <translation>在分类器的训练轮次之后进行微调的轮数</translation>
    </message>
    <message>
        <source>Validation share:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <source>Epochs, learning rate, batch size, dropout, fine-tuning</source>
        <translation>训练轮数、学习率、批大小、Dropout、微调</translation>
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
        <source>Fine-tune blocks:</source>
        <translation>微调模块数：</translation>
    </message>
    <message>
        <source>Fine-tune epochs:</source>
        <translation>微调轮数：</translation>
    </message>
    <message>
        <source>Automatic (recommended)</source>
        <translation>自动（推荐）</translation>
    </message>
    <message>
        <source>TransferLab tries input sizes, head settings, augmented views and test-time augmentation by cross-validation on the training photos, within about three plain runs&apos; time, and trains with the best</source>
        <translation>TransferLab 在训练照片上用交叉验证尝试不同的输入尺寸、分类头设置、增强视图和测试时增强，用时约为三次普通训练，然后用效果最好的方案训练</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>You set the epochs, learning rate, dropout and the rest</source>
        <translation>由你设置训练轮数、学习率、Dropout 等参数</translation>
    </message>
    <message>
        <source>Automatic chooses how to train by cross-validation on your photos; Custom trains with the settings below</source>
        <translation>“自动”会在你的照片上用交叉验证选择训练方式；“自定义”按下面的设置训练</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Units of one extra layer between the backbone&apos;s features and the classes; None keeps the single layer of the published recipe</source>
        <translation>在骨干网络特征与类别之间额外加一层，这是该层的单元数；“无”则保持已发布方案的单层结构</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Mirror + crops</source>
        <translation>镜像 + 裁剪</translation>
    </message>
    <message>
        <source>What the model&apos;s predictions average by default: the photo alone, also its mirror image, or also centre crops. Often a little more accurate; predicting takes two or four times longer</source>
        <translation>模型预测默认对哪些结果取平均：仅照片本身、再加上其镜像，或再加上中心裁剪。通常会更准确一些；预测时间变为两倍或四倍</translation>
    </message>
    <message>
        <source>Recipe:</source>
        <translation>训练方案：</translation>
    </message>
    <message>
        <source>Hidden layer:</source>
        <translation>隐藏层：</translation>
    </message>
    <message>
        <source>Test-time augmentation:</source>
        <translation>测试时增强：</translation>
    </message>
    <message>
        <source>The automatic recipe chooses this by cross-validation on the training photos. Choose the Custom recipe to set it yourself.</source>
        <translation>自动方案会在训练照片上用交叉验证选择这一项。如需自行设置，请选择“自定义”方案。</translation>
    </message>
</context>
</TS>
