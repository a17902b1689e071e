// SPDX-License-Identifier: MIT
// Exports a tiny trained MobileNetV2 model to TorchScript and ONNX and checks that the exported
// files compute the same probabilities as the app: TorchScript through torch::jit::load (C++)
// and torch.jit.load (Python, /usr/bin/python3 with Debian's python3-torch), ONNX through
// OpenCV DNN, on synthetic images and on real photos of the shared alpaca dataset.
#include "support/TorchInclude.h"
#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/dnn.hpp>

#include <tuple>

#include "SyntheticImages.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "backbones/BackboneLoader.h"
#include "data/ImageDecoder.h"
#include "export/ExportReadme.h"
#include "export/ModelExportGraph.h"
#include "export/ModelExportJob.h"
#include "export/ModelExporter.h"
#include "importers/TfjsModelImporter.h"
#include "nn/ResNet50.h"
#include "training/TrainedModel.h"
#include "training/TrainingJob.h"

using namespace tl;
namespace fs = std::filesystem;

namespace {

fs::path toPath(const QString& path) {
    return fs::path(path.toStdU16String());
}

// The app's probabilities as a [N, C] tensor, via TrainedModel::predict.
torch::Tensor appProbabilities(const TrainedModel& model, const std::vector<fs::path>& images) {
    const auto predictions = model.predict(images);
    std::vector<float> values;
    for (const auto& prediction : predictions) {
        for (double p : prediction.probabilities) {
            values.push_back(static_cast<float>(p));
        }
    }
    return torch::tensor(values).reshape({static_cast<int64_t>(predictions.size()), -1});
}

// What the exports take: decoded, resized, preprocessed, NCHW contiguous.
torch::Tensor preprocessedBatch(const TrainedModel& model, const std::vector<fs::path>& images) {
    const ImageDecoder decoder(cv::Size(model.inputSize(), model.inputSize()));
    std::vector<cv::Mat> decoded;
    for (const auto& path : images) {
        decoded.push_back(decoder.decode(path));
    }
    return toInputBatch(decoded, model.backbone->preprocessing()).contiguous();
}

double maxDifference(const torch::Tensor& a, const torch::Tensor& b) {
    return (a - b).abs().max().item<double>();
}

QJsonObject readJson(const fs::path& path) {
    QFile file(QString::fromStdU16String(path.u16string()));
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                          : QJsonObject();
}

QStringList entriesOf(const QString& folder) {
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                                  QDir::Name);
}

}  // namespace

class TestModelExport : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    TrainedModel binary_;   // trained: 2 classes, one sigmoid unit, a hidden layer
    TrainedModel softmax_;  // the same backbone with a random 3-class softmax head
    std::vector<fs::path> images_;

    void compareTorchScriptInCpp(const TrainedModel& model, const QString& name) {
        const QString path = work_.filePath(name + ".pt");
        exportModel(model, ExportFormat::TorchScript, toPath(path));
        torch::jit::Module loaded = torch::jit::load(path.toStdString());
        loaded.eval();
        torch::InferenceMode inference;
        const torch::Tensor input = preprocessedBatch(model, images_);
        const torch::Tensor output = loaded.forward({input}).toTensor();
        const torch::Tensor expected = appProbabilities(model, images_);
        QCOMPARE(output.sizes().vec(), expected.sizes().vec());
        const double difference = maxDifference(output, expected);
        qInfo("%s: TorchScript (C++) vs app: max |difference| %.3g over %lld probabilities",
              qPrintable(name), difference, static_cast<long long>(expected.numel()));
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
    }

    void compareOnnxWithOpenCv(const TrainedModel& model, const QString& name) {
        const QString path = work_.filePath(name + ".onnx");
        exportModel(model, ExportFormat::Onnx, toPath(path));
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path.toStdString());
        QVERIFY(!net.empty());
        const torch::Tensor input = preprocessedBatch(model, images_);
        const std::vector<int> shape(input.sizes().begin(), input.sizes().end());
        const cv::Mat blob(shape, CV_32F, input.data_ptr<float>());
        net.setInput(blob);
        const cv::Mat output = net.forward();
        const torch::Tensor expected = appProbabilities(model, images_);
        QCOMPARE(output.rows, static_cast<int>(expected.size(0)));
        QCOMPARE(output.cols, static_cast<int>(expected.size(1)));
        const torch::Tensor actual = torch::from_blob(const_cast<float*>(output.ptr<float>()),
                                                      {output.rows, output.cols}, torch::kFloat)
                                         .clone();
        const double difference = maxDifference(actual, expected);
        qInfo("%s: ONNX (OpenCV DNN) vs app: max |difference| %.3g over %lld probabilities",
              qPrintable(name), difference, static_cast<long long>(expected.numel()));
        QVERIFY2(difference < 1e-4, qPrintable(QString::number(difference)));
    }

private slots:
    void initTestCase() {
        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine backbone is missing");
        }
        torch::set_num_threads(2);
        const QString dataDir = work_.filePath("colours");
        test::writeColourDataset(dataDir, 8);
        TrainingSettings settings;
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.inputSize = 96;
        settings.epochs = 3;
        settings.learningRate = 1e-2;
        settings.batchSize = 8;
        settings.hiddenUnits = {16};
        settings.featureCache = false;
        settings.cacheDirectory = work_.filePath("cache").toStdString();
        const QString modelDir = work_.filePath("model");
        TrainingJob job(ImageFolderDataset::scan(toPath(dataDir)), settings, toPath(modelDir));
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        binary_ = TrainedModel::load(toPath(modelDir));
        QVERIFY(binary_.head->config().isBinary());

        softmax_ = binary_;
        HeadConfig config;
        config.inputFeatures = binary_.backbone->featureChannels();
        config.numClasses = 3;
        config.hiddenUnits = {};
        torch::manual_seed(7);
        softmax_.head = std::make_shared<ClassifierHead>(config);
        {
            // Larger weights than the default init, so probabilities are not all ~1/3.
            torch::NoGradGuard noGrad;
            for (auto& parameter : softmax_.head->parameters()) {
                parameter.mul_(20);
            }
        }
        softmax_.head->eval();
        softmax_.classNames = {"a", "b", "c"};

        images_ = {toPath(dataDir + "/blue/000.jpg"), toPath(dataDir + "/red/001.jpg")};
        for (const QString& folder : {QString("alpaca"), QString("not_alpaca")}) {
            const QDir dir(test::alpacaDatasetDir() + "/" + folder);
            const QStringList files = dir.entryList({"*.jpg"}, QDir::Files, QDir::Name);
            for (int i = 0; i < std::min<int>(3, files.size()); ++i) {
                images_.push_back(toPath(dir.filePath(files[i])));
            }
        }
        if (images_.size() < 8) {
            qWarning("the shared alpaca photos are missing: comparing on synthetic images only");
        }
    }

    void torchScriptMatchesTheAppInCpp() {
        compareTorchScriptInCpp(binary_, "binary");
        compareTorchScriptInCpp(softmax_, "softmax");
    }

    void torchScriptMatchesTheAppInPython() {
        const QString python = "/usr/bin/python3";
        QProcess probe;
        probe.start(python, {"-c", "import torch"});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit ||
            probe.exitCode() != 0) {
            QSKIP(
                "/usr/bin/python3 cannot import torch (Debian package python3-torch): "
                "the Python side of the TorchScript export is not checked");
        }
        const QString modelPath = work_.filePath("python.pt");
        exportModel(binary_, ExportFormat::TorchScript, toPath(modelPath));
        const torch::Tensor input = preprocessedBatch(binary_, images_);
        const QString inputPath = work_.filePath("python-input.f32");
        const QString outputPath = work_.filePath("python-output.f32");
        {
            QFile file(inputPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(reinterpret_cast<const char*>(input.data_ptr<float>()),
                       static_cast<qint64>(input.numel() * sizeof(float)));
        }
        const char* script =
            "import struct, sys, torch\n"
            "model_path, input_path, output_path, n, size = sys.argv[1:6]\n"
            "n, size = int(n), int(size)\n"
            "raw = open(input_path, 'rb').read()\n"
            "x = torch.tensor(struct.unpack('%df' % (len(raw) // 4), raw)).reshape(n, 3, size, "
            "size)\n"
            "model = torch.jit.load(model_path)\n"
            "model.eval()\n"
            "with torch.no_grad():\n"
            "    y = model(x).contiguous().reshape(-1).tolist()\n"
            "open(output_path, 'wb').write(struct.pack('%df' % len(y), *y))\n";
        QProcess process;
        process.start(python, {"-c", script, modelPath, inputPath, outputPath,
                               QString::number(input.size(0)), QString::number(input.size(2))});
        QVERIFY(process.waitForFinished(120000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QFile file(outputPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        const torch::Tensor expected = appProbabilities(binary_, images_);
        QCOMPARE(bytes.size(), static_cast<int>(expected.numel() * sizeof(float)));
        const torch::Tensor actual =
            torch::from_blob(bytes.data(), expected.sizes(), torch::kFloat).clone();
        const double difference = maxDifference(actual, expected);
        qInfo("binary: TorchScript (Python torch.jit.load) vs app: max |difference| %.3g",
              difference);
        QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
    }

    void onnxMatchesTheAppWithOpenCvDnn() {
        compareOnnxWithOpenCv(binary_, "binary");
        compareOnnxWithOpenCv(softmax_, "softmax");
    }

    // The temperature is part of the model: both exports give the calibrated probabilities.
    void calibratedModelsExportCalibratedProbabilities() {
        for (const auto& [model, temperature, name] :
             {std::tuple{&binary_, 2.5, QString("binary-calibrated")},
              std::tuple{&softmax_, 0.6, QString("softmax-calibrated")}}) {
            TrainedModel calibrated = *model;
            HeadConfig config = model->head->config();
            config.temperature = temperature;
            calibrated.head = std::make_shared<ClassifierHead>(config);
            {
                torch::NoGradGuard noGrad;
                const auto from = model->head->parameters();
                const auto to = calibrated.head->parameters();
                for (size_t i = 0; i < from.size(); ++i) {
                    to[i].copy_(from[i]);
                }
            }
            calibrated.head->eval();
            // The temperature changes the app's probabilities (else this would test nothing)...
            QVERIFY(maxDifference(appProbabilities(calibrated, images_),
                                  appProbabilities(*model, images_)) > 1e-3);
            // ...and the exports follow.
            compareTorchScriptInCpp(calibrated, name);
            compareOnnxWithOpenCv(calibrated, name);
            const QString path = work_.filePath(name + ".onnx");
            QFile file(path + ".json");
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QJsonObject calibration =
                QJsonDocument::fromJson(file.readAll()).object()["calibration"].toObject();
            QCOMPARE(calibration["temperature"].toDouble(), temperature);
            QVERIFY(calibration["included_in_model"].toBool());
        }
    }

    void writesMetadataBeside() {
        const fs::path path = toPath(work_.filePath("meta/model.onnx"));
        const ExportResult result = exportModel(binary_, ExportFormat::Onnx, path);
        QCOMPARE(result.model, path);
        QCOMPARE(result.metadata, fs::path(path.u8string() + ".json"));
        QFile file(QString::fromStdU16String(result.metadata.u16string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(json.value("format").toString(), QString("onnx"));
        QCOMPARE(json.value("classes").toArray(), (QJsonArray{"blue", "red"}));
        QCOMPARE(json.value("onnx_opset").toInt(), 10);
        const QJsonObject input = json.value("input").toObject();
        QCOMPARE(input.value("size").toInt(), 96);
        QCOMPARE(input.value("preprocessing").toString(), QString("mobilenet"));
        QCOMPARE(input.value("layout").toString(), QString("NCHW"));
        const QJsonObject backbone = json.value("backbone").toObject();
        QCOMPARE(backbone.value("architecture").toString(), QString("mobilenet_v2"));
        QCOMPARE(backbone.value("sha256").toString().toStdString(), binary_.backboneSha256);
        QCOMPARE(json.value("producer").toString(), QString("transferlab-export"));
        for (const auto& entry : fs::directory_iterator(path.parent_path())) {
            QVERIFY2(entry.path().filename().u8string().find(".tmp-") == std::string::npos,
                     entry.path().c_str());
        }
    }

    // Exports replace only earlier exports of TransferLab, never a file the user owns.
    void refusesToOverwriteFilesItDidNotWrite() {
        const QString userFile = work_.filePath("user/model.onnx");
        QVERIFY(QDir().mkpath(work_.filePath("user")));
        test::writeAll(userFile, "the user's own ONNX model");
        try {
            exportModel(binary_, ExportFormat::Onnx, toPath(userFile));
            QFAIL("a file TransferLab did not write was overwritten");
        } catch (const ExportError& error) {
            QVERIFY2(QString(error.what()).contains("not exported by TransferLab"), error.what());
        }
        QCOMPARE(test::readAll(userFile), QByteArray("the user's own ONNX model"));
        QVERIFY(!QFile::exists(userFile + ".json"));

        const QString userJson = work_.filePath("user/other.pt");
        test::writeAll(userJson + ".json", "{\"format\": \"torchscript\"}");
        QVERIFY_THROWS_EXCEPTION(ExportError,
                                 exportModel(binary_, ExportFormat::TorchScript, toPath(userJson)));
        QCOMPARE(test::readAll(userJson + ".json"), QByteArray("{\"format\": \"torchscript\"}"));

        const fs::path own = toPath(work_.filePath("user/exported.onnx"));
        exportModel(binary_, ExportFormat::Onnx, own);
        exportModel(binary_, ExportFormat::Onnx, own);  // its own export: replaced
        QVERIFY(fs::exists(own));
    }

    void otherArchitecturesAreRefusedClearly() {
        TrainedModel model = binary_;
        BackboneSpec spec;
        spec.architecture = "resnet50";
        spec.inputSize = 64;
        model.backbone = std::make_shared<ResNet50>(spec);
        const fs::path path = toPath(work_.filePath("resnet.onnx"));
        for (ExportFormat format : {ExportFormat::Onnx, ExportFormat::TorchScript}) {
            try {
                exportModel(model, format, path);
                QFAIL("a ResNet50 model was exported");
            } catch (const ExportError& error) {
                QVERIFY2(QString(error.what()).contains("not supported yet"), error.what());
                QVERIFY2(QString(error.what()).contains("resnet50"), error.what());
            }
        }
        QVERIFY(!fs::exists(path));
        QVERIFY(exportFormatFromString("ONNX") == ExportFormat::Onnx);
        QVERIFY(exportFormatFromString("torchscript") == ExportFormat::TorchScript);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, exportFormatFromString("tflite"));
    }

    // The TF.js folder: Teachable Machine's files and layout, TransferLab's marker and README.
    void tfjsExportHasTheTeachableMachineLayout() {
        const QString folder = work_.filePath("tfjs/binary");
        const ExportResult result = exportModel(binary_, ExportFormat::Tfjs, toPath(folder));
        QCOMPARE(result.model, toPath(folder) / "model.json");
        QCOMPARE(result.metadata, toPath(folder) / "metadata.json");
        QCOMPARE(entriesOf(folder),
                 (QStringList{"README.md", "metadata.json", "model.json", "weights.bin"}));
        QCOMPARE(entriesOf(work_.filePath("tfjs")), QStringList{"binary"});  // no leftovers

        const QJsonObject model = readJson(result.model);
        QCOMPARE(model.value("format").toString(), QString("layers-model"));
        const QJsonObject topology = model.value("modelTopology").toObject();
        QCOMPARE(topology.value("class_name").toString(), QString("Sequential"));
        const QJsonArray parts = topology.value("config").toObject().value("layers").toArray();
        QCOMPARE(parts.size(), 2);  // features, head: as Teachable Machine nests them
        const QJsonArray features =
            parts[0].toObject().value("config").toObject().value("layers").toArray();
        QCOMPARE(features[0].toObject().value("class_name").toString(), QString("Model"));
        QCOMPARE(features[1].toObject().value("class_name").toString(),
                 QString("GlobalAveragePooling2D"));
        // Keras' functional nesting, which TensorFlow.js's loader needs (a flattened list made
        // it spin for ever): input_layers [[name, 0, 0]], inbound_nodes [[[name, 0, 0, {}]]].
        const QJsonObject backbone = features[0].toObject().value("config").toObject();
        for (const char* key : {"input_layers", "output_layers"}) {
            const QJsonArray ends = backbone.value(key).toArray();
            QVERIFY2(ends.size() == 1 && ends[0].isArray() && ends[0].toArray().size() == 3, key);
        }
        int connections = 0;
        for (const auto& entry : backbone.value("layers").toArray()) {
            for (const auto& node : entry.toObject().value("inbound_nodes").toArray()) {
                QVERIFY(node.isArray());
                for (const auto& input : node.toArray()) {
                    QVERIFY(input.isArray() && input.toArray().size() == 4);
                    QVERIFY(input.toArray()[0].isString());
                    ++connections;
                }
            }
        }
        QVERIFY(connections > 50);
        const QJsonArray head =
            parts[1].toObject().value("config").toObject().value("layers").toArray();
        QCOMPARE(head.size(), 2);  // hidden layer + output
        const QJsonObject output = head[1].toObject().value("config").toObject();
        QCOMPARE(output.value("activation").toString(), QString("softmax"));
        QCOMPARE(output.value("units").toInt(), 2);  // the sigmoid head as a 2-unit softmax

        const QJsonArray manifest = model.value("weightsManifest").toArray();
        QCOMPARE(manifest.size(), 1);
        QCOMPARE(manifest[0].toObject().value("paths").toArray(), QJsonArray{"weights.bin"});
        qint64 elements = 0;
        for (const auto& weight : manifest[0].toObject().value("weights").toArray()) {
            qint64 count = 1;
            for (const auto& dim : weight.toObject().value("shape").toArray()) {
                count *= dim.toInteger();
            }
            elements += count;
        }
        QCOMPARE(QFileInfo(folder + "/weights.bin").size(), elements * 4);

        const QJsonObject metadata = readJson(result.metadata);
        QCOMPARE(metadata.value("producer").toString(), QString("transferlab-export"));
        QCOMPARE(metadata.value("labels").toArray(), (QJsonArray{"blue", "red"}));
        QCOMPARE(metadata.value("imageSize").toInt(), 96);
        const QJsonObject input = metadata.value("input").toObject();
        QCOMPARE(input.value("layout").toString(), QString("NHWC"));
        QCOMPARE(input.value("crop").toString(), QString("none: the whole photo is resized"));
        QVERIFY(input.value("teachable_machine_library").toString().contains("centre square"));
        QCOMPARE(input.value("scale").toDouble(), 1 / 127.5);
        QCOMPARE(input.value("offset").toDouble(), -1.0);
        const QByteArray readme = test::readAll(folder + "/README.md");
        QVERIFY(readme.startsWith(kExportReadmeMarker));
        QVERIFY(readme.contains("tf.loadLayersModel"));
        QVERIFY(readme.contains("centre square"));
    }

    // TransferLab reads its own TF.js export back: the same probabilities, as a model and as a
    // backbone.
    void tfjsExportImportsBack() {
        for (const auto* model : {&binary_, &softmax_}) {
            const QString folder =
                work_.filePath(QString("tfjs-back/%1").arg(model->classNames.size()));
            exportModel(*model, ExportFormat::Tfjs, toPath(folder));
            const ImportedModel imported = TfjsModelImporter::import(toPath(folder));
            QVERIFY(imported.head);
            QCOMPARE(imported.labels, model->classNames);
            QCOMPARE(imported.backbone->spec().inputSize, 96);
            imported.backbone->eval();
            torch::InferenceMode inference;
            const torch::Tensor input = preprocessedBatch(*model, images_);
            const torch::Tensor actual = imported.head->probabilities(
                imported.head->forward(imported.backbone->embed(input)));
            const double difference = maxDifference(actual, appProbabilities(*model, images_));
            qInfo("%zu classes: TF.js export imported back vs app: max |difference| %.3g",
                  model->classNames.size(), difference);
            QVERIFY2(difference < 1e-5, qPrintable(QString::number(difference)));
            const LoadedBackbone asBackbone = loadBackbone(folder.toStdString(), 96);
            QVERIFY(maxDifference(asBackbone.backbone->embed(input),
                                  model->backbone->embed(input)) < 1e-5);
        }
    }

    // A TF.js export replaces only an empty folder or an earlier TF.js export of TransferLab.
    void tfjsExportNeverReplacesOtherFolders() {
        const QString userFolder = work_.filePath("tfjs-user");
        QVERIFY(QDir().mkpath(userFolder));
        test::writeAll(userFolder + "/notes.txt", "mine");
        QVERIFY_THROWS_EXCEPTION(UnsafeDestinationError,
                                 exportModel(binary_, ExportFormat::Tfjs, toPath(userFolder)));
        QCOMPARE(entriesOf(userFolder), QStringList{"notes.txt"});

        // A Teachable Machine export has the same file names, without TransferLab's marker.
        const QString teachable = work_.filePath("tfjs-tm");
        QVERIFY(QDir().mkpath(teachable));
        for (const char* name : {"model.json", "weights.bin", "metadata.json"}) {
            QVERIFY(QFile::copy(test::teachableMachineDir() + "/" + name, teachable + "/" + name));
        }
        const QByteArray before = test::readAll(teachable + "/model.json");
        try {
            exportModel(binary_, ExportFormat::Tfjs, toPath(teachable));
            QFAIL("a Teachable Machine export was replaced");
        } catch (const UnsafeDestinationError& error) {
            QVERIFY2(QString(error.what()).contains("not a TransferLab TF.js export"),
                     error.what());
        }
        QCOMPARE(test::readAll(teachable + "/model.json"), before);

        // Its own earlier export is replaced, with nothing left beside it.
        const QString own = work_.filePath("tfjs-own/model");
        exportModel(binary_, ExportFormat::Tfjs, toPath(own));
        exportModel(softmax_, ExportFormat::Tfjs, toPath(own));
        QCOMPARE(readJson(toPath(own) / "metadata.json").value("labels").toArray(),
                 (QJsonArray{"a", "b", "c"}));
        QCOMPARE(entriesOf(work_.filePath("tfjs-own")), QStringList{"model"});
        // ... but not once a user put a file into it.
        test::writeAll(own + "/mine.txt", "mine");
        QVERIFY_THROWS_EXCEPTION(UnsafeDestinationError,
                                 exportModel(binary_, ExportFormat::Tfjs, toPath(own)));
        QVERIFY(QFile::exists(own + "/mine.txt"));
        QVERIFY_THROWS_EXCEPTION(
            ExportError, exportModel(binary_, ExportFormat::Tfjs, toPath(own + "-x"), {true}));
    }

    // The README beside a file export is TransferLab's: a user's file of that name stays.
    void readmeBesideFileExports() {
        const fs::path path = toPath(work_.filePath("readme/model.onnx"));
        const ExportResult result = exportModel(binary_, ExportFormat::Onnx, path);
        QCOMPARE(result.readme, fs::path(path.u8string() + ".README.md"));
        const QByteArray readme = test::readAll(QString::fromStdString(result.readme.u8string()));
        QVERIFY(readme.startsWith(kExportReadmeMarker));
        QVERIFY(readme.contains("cv2.dnn.readNetFromONNX(\"model.onnx\")"));
        QVERIFY(readme.contains("model.onnx.json"));
        exportModel(binary_, ExportFormat::Onnx, path);  // its own README: replaced

        const QString other = work_.filePath("readme/other.pt");
        test::writeAll(other + ".README.md", "my notes");
        try {
            exportModel(binary_, ExportFormat::TorchScript, toPath(other));
            QFAIL("a README TransferLab did not write was overwritten");
        } catch (const ExportError& error) {
            QVERIFY2(QString(error.what()).contains("not exported by TransferLab"), error.what());
        }
        QCOMPARE(test::readAll(other + ".README.md"), QByteArray("my notes"));
        QVERIFY(!QFile::exists(other));
    }

    // A scale of the logits (a calibration temperature) reaches every export through the
    // graph: here softmax(2 z) through ONNX in OpenCV DNN.
    void logitScaleIsBakedIntoTheExport() {
        exportgraph::Graph graph = exportgraph::buildGraph(softmax_, {});
        const std::vector<float> before = graph.dense.back().weight;
        graph.logitScale = 2.0;
        exportgraph::foldLogitScale(graph);
        QCOMPARE(graph.logitScale, 1.0);
        QCOMPARE(graph.dense.back().weight[3], 2 * before[3]);
        const QString path = work_.filePath("scaled.onnx");
        exportgraph::writeOnnx(graph, toPath(path));
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path.toStdString());
        const torch::Tensor input = preprocessedBatch(softmax_, images_);
        const std::vector<int> shape(input.sizes().begin(), input.sizes().end());
        net.setInput(cv::Mat(shape, CV_32F, input.data_ptr<float>()));
        const cv::Mat output = net.forward();
        torch::InferenceMode inference;
        const torch::Tensor expected =
            torch::softmax(2 * softmax_.head->forward(softmax_.backbone->embed(input)), 1);
        const torch::Tensor actual = torch::from_blob(const_cast<float*>(output.ptr<float>()),
                                                      {output.rows, output.cols}, torch::kFloat)
                                         .clone();
        const double difference = maxDifference(actual, expected);
        QVERIFY2(difference < 1e-4, qPrintable(QString::number(difference)));
        QVERIFY(maxDifference(actual, appProbabilities(softmax_, images_)) > 1e-3);  // it changed
    }

    // The GUI's export runs as a job: the TF.js folder and the self-contained variants too.
    void exportJobWritesEveryFormat() {
        const struct {
            ExportFormat format;
            bool selfContained;
            const char* name;
        } cases[] = {{ExportFormat::Tfjs, false, "job/web"},
                     {ExportFormat::Onnx, true, "job/self.onnx"},
                     {ExportFormat::TorchScript, true, "job/self.pt"}};
        for (const auto& item : cases) {
            ModelExportJob job(work_.filePath("model"), item.format, work_.filePath(item.name),
                               ExportOptions{item.selfContained});
            QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
            QVERIFY(fs::exists(job.result().model));
            QCOMPARE(readJson(job.result().metadata).value("self_contained").toBool(),
                     item.selfContained);
            QVERIFY(fs::exists(job.result().readme));
        }
    }

    void cliExportsBothFormats() {
        if (!QFile::exists(test::cliPath())) {
            QSKIP("transferlab-cli is not built");
        }
        for (const QString format : {"torchscript", "onnx"}) {
            const QString out =
                work_.filePath("cli/model." + QString(format == "onnx" ? "onnx" : "pt"));
            QProcess process;
            process.start(test::cliPath(),
                          {"export", work_.filePath("model"), "--format", format, "--out", out});
            QVERIFY(process.waitForFinished(120000));
            QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
            QVERIFY(QFile::exists(out));
            QVERIFY(QFile::exists(out + ".json"));
            QVERIFY(QFile::exists(out + ".README.md"));
        }
        QProcess tfjs;
        tfjs.start(test::cliPath(), {"export", work_.filePath("model"), "--format", "tfjs", "--out",
                                     work_.filePath("cli/web")});
        QVERIFY(tfjs.waitForFinished(120000));
        QVERIFY2(tfjs.exitCode() == 0, tfjs.readAllStandardError().constData());
        QVERIFY(QFile::exists(work_.filePath("cli/web/model.json")));
        QVERIFY(tfjs.readAllStandardOutput().contains("weights.bin"));
        QProcess selfContainedTfjs;
        selfContainedTfjs.start(test::cliPath(),
                                {"export", work_.filePath("model"), "--format", "tfjs",
                                 "--self-contained", "--out", work_.filePath("cli/web2")});
        QVERIFY(selfContainedTfjs.waitForFinished(60000));
        QCOMPARE(selfContainedTfjs.exitCode(), 2);
        QProcess bad;
        bad.start(test::cliPath(), {"export", work_.filePath("model"), "--format", "tflite",
                                    "--out", work_.filePath("cli/x")});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestModelExport)
#include "TestModelExport.moc"
