// SPDX-License-Identifier: MIT
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "KerasH5Writer.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "data/ImageDecoder.h"
#include "data/Preprocessing.h"
#include "importers/KerasH5Importer.h"
#include "importers/TfjsModelImporter.h"
#include "support/Errors.h"

using namespace tl;
using tl::test::readAll;
using tl::test::toPath;
using tl::test::writeAll;
namespace fs = std::filesystem;

namespace {

QString importError(const QString& path) {
    try {
        KerasH5Importer::import(toPath(path));
    } catch (const ImportError& error) {
        qInfo("%s", error.what());  // the messages users will read, in the test log
        return QString::fromStdString(error.what());
    }
    return QString();
}

// A few of the shared photos, preprocessed as the app does (random pixels without the data).
torch::Tensor photos(int size) {
    const QDir alpaca(test::alpacaDatasetDir() + "/alpaca");
    const QDir other(test::alpacaDatasetDir() + "/not_alpaca");
    const QStringList alpacas = alpaca.entryList({"*.jpg"}, QDir::Files, QDir::Name);
    const QStringList others = other.entryList({"*.jpg"}, QDir::Files, QDir::Name);
    if (alpacas.size() < 2 || others.isEmpty()) {
        return torch::rand({3, 3, size, size}) * 2 - 1;
    }
    ImageDecoder decoder(cv::Size(size, size));
    std::vector<cv::Mat> images;
    for (const QString& file :
         {alpaca.filePath(alpacas[0]), alpaca.filePath(alpacas[1]), other.filePath(others[0])}) {
        images.push_back(decoder.decode(toPath(file)));
    }
    return toInputBatch(images, Preprocessing::MobileNet);
}

QJsonObject teachableMachineTopology() {
    return QJsonDocument::fromJson(readAll(test::teachableMachineModelJson()))
        .object()
        .value("modelTopology")
        .toObject();
}

// The MobileNetV2 0.35 base inside the Teachable Machine export ('model2'), renamed.
QJsonObject teachableMachineBase(const QString& name) {
    const QJsonObject outer = teachableMachineTopology();
    const QJsonObject features =
        outer["config"].toObject()["layers"].toArray()[0].toObject();  // sequential_5
    QJsonObject base = features["config"].toObject()["layers"].toArray()[0].toObject();
    QJsonObject config = base["config"].toObject();
    config["name"] = name;
    base["config"] = config;
    base["name"] = name;
    base["class_name"] = "Functional";
    return base;
}

QJsonObject layer(const QString& className, const QString& name, QJsonObject config,
                  const QJsonArray& inbound = {}) {
    config["name"] = name;
    return {
        {"class_name", className}, {"name", name}, {"config", config}, {"inbound_nodes", inbound}};
}

// [inner]: QJsonArray{inner} would copy `inner` under clang and nest it under GCC.
QJsonArray wrap(const QJsonArray& inner) {
    QJsonArray outer;
    outer.append(inner);
    return outer;
}

QJsonArray from(const QString& name, const QJsonObject& kwargs = {}) {
    return wrap(wrap(QJsonArray{name, 0, 0, kwargs}));
}

// The published recipe (DeepLearning.AI / TensorFlow tutorial) as Keras 2 saves it: augmentation
// Sequential, preprocess_input as two TFOpLambda layers, the frozen base called as a layer,
// GlobalAveragePooling2D, Dropout(0.2), Dense(1) producing a logit.
QJsonObject recipeModelConfig(const QString& baseName, int size) {
    const QJsonArray inputShape{QJsonValue::Null, size, size, 3};
    QJsonObject augmentation = layer(
        "Sequential", "sequential",
        {{"layers",
          QJsonArray{layer("InputLayer", "random_flip_input", {{"batch_input_shape", inputShape}}),
                     layer("RandomFlip", "random_flip", {{"mode", "horizontal"}}),
                     layer("RandomRotation", "random_rotation", {{"factor", 0.2}})}}},
        from("input_2"));
    QJsonObject base = teachableMachineBase(baseName);
    base["inbound_nodes"] = from("tf.math.subtract", {{"training", false}});
    const QJsonArray layers{
        layer("InputLayer", "input_2", {{"batch_input_shape", inputShape}, {"dtype", "float32"}}),
        augmentation,
        layer("TFOpLambda", "tf.math.truediv", {{"function", "math.truediv"}},
              from("sequential", {{"y", 127.5}})),
        layer("TFOpLambda", "tf.math.subtract", {{"function", "math.subtract"}},
              from("tf.math.truediv", {{"y", 1.0}})),
        base,
        layer("GlobalAveragePooling2D", "global_average_pooling2d", {}, from(baseName)),
        layer("Dropout", "dropout", {{"rate", 0.2}}, from("global_average_pooling2d")),
        layer("Dense", "dense", {{"units", 1}, {"activation", "linear"}, {"use_bias", true}},
              from("dropout")),
    };
    return {{"class_name", "Functional"},
            {"config", QJsonObject{{"name", "model"},
                                   {"layers", layers},
                                   {"input_layers", wrap(QJsonArray{"input_2", 0, 0})},
                                   {"output_layers", wrap(QJsonArray{"dense", 0, 0})}}},
            {"keras_version", "2.9.0"},
            {"backend", "tensorflow"}};
}

// Official MobileNetV2 files use the names of the original Keras port ('mobl1_conv_1_expand',
// 'bn1_conv_1_bn_expand'); the inverse of KerasLegacyNames.
std::string officialMobileNetName(const std::string& name) {
    for (const char* kind : {"expand", "depthwise", "project"}) {
        for (int block = 0; block <= 16; ++block) {
            const std::string prefix =
                block == 0 ? "expanded_conv_" : "block_" + std::to_string(block) + "_";
            const std::string number = std::to_string(block);
            if (name == prefix + kind) {
                return "mobl" + number + "_conv_" + number + "_" + kind;
            }
            if (name == prefix + kind + "_BN") {
                return "bn" + number + "_conv_" + number + "_bn_" + kind;
            }
        }
    }
    return name;
}

void rename(std::vector<KerasH5Layer>& layers,
            const std::function<std::string(const std::string&)>& name) {
    for (auto& item : layers) {
        const std::string renamed = name(item.name);
        for (auto& weight : item.weights) {
            weight.first = renamed + weight.first.substr(item.name.size());
        }
        item.name = renamed;
    }
}

}  // namespace

class TestKerasH5Importer : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    ImportedModel tfjs_;
    std::vector<KerasH5Layer> backboneLayers_;

    QString writeBackbone(const QString& name, const KerasH5WriteOptions& options = {}) {
        const QString path = dir_.filePath(name);
        KerasH5Writer::writeWeights(toPath(path), backboneLayers_, options);
        return path;
    }

    void compareEmbeddings(const ImportedModel& imported, int size) {
        torch::NoGradGuard noGrad;
        const auto input = photos(size);
        const auto expected = tfjs_.backbone->embed(input);
        const auto embedding = imported.backbone->embed(input);
        QVERIFY2(torch::equal(embedding, expected),
                 qPrintable(QString("max difference %1")
                                .arg((embedding - expected).abs().max().item<double>())));
        QVERIFY((expected[0] - expected[2]).abs().max().item<double>() > 0.1);
    }

private slots:
    void initTestCase() {
        torch::set_num_threads(2);
        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine model is missing");
        }
        tfjs_ = TfjsModelImporter::import(toPath(test::teachableMachineDir()));
        backboneLayers_ = KerasH5Writer::layersFrom(tfjs_.backbone->toKerasWeights(),
                                                    KerasH5Writer::layerOrder(*tfjs_.backbone));
    }

    void weightsFileGivesTheSameEmbeddingsAsTfjs() {
        const QString path = writeBackbone("tm_backbone.h5");
        const KerasH5Contents contents = KerasH5Importer::read(toPath(path));
        QVERIFY(!contents.modelConfig);
        QCOMPARE(contents.layerNames.front(), std::string("Conv1"));
        QCOMPARE(contents.layerNames.size(), backboneLayers_.size());
        QCOMPARE(KerasH5Importer::checkStructure(toPath(path)), size_t(260));

        const ImportedModel imported = KerasH5Importer::import(toPath(path), 224);
        QCOMPARE(imported.format, std::string("keras-h5"));
        QVERIFY((imported.backbone->spec() == BackboneSpec{"mobilenet_v2", 0.35, 224}));
        QVERIFY(!imported.head);
        compareEmbeddings(imported, 224);
        compareEmbeddings(KerasH5Importer::import(toPath(path), 160), 160);
    }

    void officialLayerNamesLoad() {
        auto layers = backboneLayers_;
        rename(layers, officialMobileNetName);
        QCOMPARE(layers[2].name, std::string("mobl0_conv_0_depthwise"));
        const QString path = dir_.filePath("mobilenet_v2_weights_official_names.h5");
        KerasH5Writer::writeWeights(toPath(path), layers);
        const KerasH5Contents contents = KerasH5Importer::read(toPath(path));
        // The file really used the old names; the importer hands out today's.
        QVERIFY(std::find(contents.layerNames.begin(), contents.layerNames.end(),
                          "block_1_expand") != contents.layerNames.end());
        compareEmbeddings(KerasH5Importer::import(toPath(path), 224), 224);
    }

    void variableLengthAndChunkedAttributesLoad() {
        KerasH5WriteOptions options;
        options.variableLengthStrings = true;
        options.attributeChunkBytes = 300;  // layer_names0, layer_names1, ...
        const QString path = writeBackbone("h5py_style.h5", options);
        const KerasH5Contents contents = KerasH5Importer::read(toPath(path));
        QCOMPARE(contents.layerNames.size(), backboneLayers_.size());
        compareEmbeddings(KerasH5Importer::import(toPath(path), 224), 224);
    }

    void savedTeachableMachineModelPredictsLikeTfjs() {
        const std::vector<std::string> dense = {"dense_Dense3", "dense_Dense4"};
        const KerasH5Layer features =
            KerasH5Writer::nestedModel("sequential_5", tfjs_.backbone->toKerasWeights(),
                                       KerasH5Writer::layerOrder(*tfjs_.backbone));
        const KerasH5Layer classifier =
            KerasH5Writer::nestedModel("sequential_7", tfjs_.head->toKerasWeights(dense), dense);
        const QString path = dir_.filePath("teachable_machine_model.h5");
        KerasH5Writer::writeModel(toPath(path), teachableMachineTopology(), {features, classifier});

        const ImportedModel imported = KerasH5Importer::import(toPath(path));
        QVERIFY((imported.backbone->spec() == BackboneSpec{"mobilenet_v2", 0.35, 224}));
        QVERIFY(imported.head);
        QCOMPARE(imported.head->config().hiddenUnits, std::vector<int64_t>{100});
        QCOMPARE(imported.head->config().numClasses, 5);
        torch::NoGradGuard noGrad;
        const auto input = photos(224);
        const auto expected =
            tfjs_.head->probabilities(tfjs_.head->forward(tfjs_.backbone->embed(input)));
        const auto actual =
            imported.head->probabilities(imported.head->forward(imported.backbone->embed(input)));
        QVERIFY(torch::equal(actual, expected));
    }

    void savedRecipeModelImportsAsATrainedModel() {
        const QString baseName = "mobilenetv2_0.35_160";
        torch::manual_seed(3);
        const auto kernel = torch::randn({1280, 1}) * 0.05;
        const auto bias = torch::tensor({0.25f});
        std::vector<KerasH5Layer> layers;
        for (const char* name : {"input_2", "sequential", "tf.math.truediv", "tf.math.subtract"}) {
            layers.push_back({name, {}});
        }
        layers.push_back(KerasH5Writer::nestedModel(baseName.toStdString(),
                                                    tfjs_.backbone->toKerasWeights(),
                                                    KerasH5Writer::layerOrder(*tfjs_.backbone)));
        layers.push_back({"global_average_pooling2d", {}});
        layers.push_back({"dropout", {}});
        layers.push_back({"dense", {{"dense/kernel:0", kernel}, {"dense/bias:0", bias}}});
        const QString path = dir_.filePath("alpaca_model.h5");
        KerasH5Writer::writeModel(toPath(path), recipeModelConfig(baseName, 160), layers);

        const ImportedModel imported = KerasH5Importer::import(toPath(path));
        QVERIFY((imported.backbone->spec() == BackboneSpec{"mobilenet_v2", 0.35, 160}));
        QVERIFY(imported.head);
        QVERIFY(imported.head->config().isBinary());
        QCOMPARE(imported.head->config().outputUnits(), int64_t(1));
        compareEmbeddings(imported, 160);
        torch::NoGradGuard noGrad;
        const auto embedding = imported.backbone->embed(photos(160));
        const auto logits = imported.head->forward(embedding);
        QVERIFY(torch::allclose(logits, embedding.matmul(kernel) + bias, 1e-5, 1e-6));
        QCOMPARE(imported.head->probabilities(logits).size(1), int64_t(2));
    }

    void refusesFilesThatAreNotHdf5() {
        writeAll(dir_.filePath("text.h5"), "this is not HDF5");
        QString error = importError(dir_.filePath("text.h5"));
        QVERIFY2(error.contains("not an HDF5 file") && error.contains("text.h5"),
                 qPrintable(error));
        error = importError(dir_.filePath("absent.h5"));
        QVERIFY2(error.contains("no such file"), qPrintable(error));
    }

    void reportsTruncatedFiles() {
        const QByteArray bytes = readAll(writeBackbone("whole.h5"));
        writeAll(dir_.filePath("truncated.h5"), bytes.left(bytes.size() / 2));
        const QString error = importError(dir_.filePath("truncated.h5"));
        QVERIFY2(error.contains("truncated"), qPrintable(error));
        QVERIFY_THROWS_EXCEPTION(
            ImportError, KerasH5Importer::checkStructure(toPath(dir_.filePath("truncated.h5"))));
    }

    void reportsAnotherArchitecture() {
        const std::vector<KerasH5Layer> vgg = {
            {"block1_conv1",
             {{"block1_conv1/kernel:0", torch::zeros({3, 3, 3, 64})},
              {"block1_conv1/bias:0", torch::zeros({64})}}},
            {"block1_conv2", {{"block1_conv2/kernel:0", torch::zeros({3, 3, 64, 64})}}}};
        KerasH5Writer::writeWeights(toPath(dir_.filePath("vgg16_notop.h5")), vgg);
        const QString error = importError(dir_.filePath("vgg16_notop.h5"));
        QVERIFY2(error.contains("no supported base network") && error.contains("block1_conv1"),
                 qPrintable(error));
    }

    void reportsMissingLayer() {
        auto layers = backboneLayers_;
        layers.erase(
            std::remove_if(layers.begin(), layers.end(),
                           [](const KerasH5Layer& item) { return item.name == "block_5_project"; }),
            layers.end());
        KerasH5Writer::writeWeights(toPath(dir_.filePath("missing.h5")), layers);
        const QString error = importError(dir_.filePath("missing.h5"));
        QVERIFY2(error.contains("block_5_project") && error.contains("missing.h5"),
                 qPrintable(error));
    }

    void reportsShapeMismatchNamingTheLayer() {
        auto layers = backboneLayers_;
        for (auto& item : layers) {
            if (item.name == "Conv1") {
                item.weights[0].second = item.weights[0].second.permute({0, 1, 3, 2}).contiguous();
            }
        }
        KerasH5Writer::writeWeights(toPath(dir_.filePath("shape.h5")), layers);
        const QString error = importError(dir_.filePath("shape.h5"));
        QVERIFY2(error.contains("layer 'Conv1'") && error.contains("shape"), qPrintable(error));
    }

    void reportsUnsupportedLayersOfSavedModels() {
        QJsonObject config = recipeModelConfig("base", 160);
        QJsonObject inner = config["config"].toObject();
        QJsonArray layers = inner["layers"].toArray();
        layers[2] = layer("TFOpLambda", "tf.math.multiply", {{"function", "math.multiply"}});
        inner["layers"] = layers;
        config["config"] = inner;
        KerasH5Writer::writeModel(
            toPath(dir_.filePath("odd_model.h5")), config,
            {KerasH5Writer::nestedModel("base", tfjs_.backbone->toKerasWeights())});
        const QString error = importError(dir_.filePath("odd_model.h5"));
        QVERIFY2(error.contains("tf.math.multiply") && error.contains("math.multiply"),
                 qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestKerasH5Importer)
#include "TestKerasH5Importer.moc"
