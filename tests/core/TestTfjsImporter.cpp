// SPDX-License-Identifier: MIT
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>

#include "TestFiles.h"
#include "TestPaths.h"
#include "TfjsReference.h"
#include "data/ImageDecoder.h"
#include "data/Preprocessing.h"
#include "importers/TfjsModelImporter.h"
#include "nn/BackboneFactory.h"
#include "nn/InferenceBackbone.h"
#include "nn/MobileNetV2.h"
#include "support/Errors.h"

using namespace tl;
using tl::test::readAll;
using tl::test::toPath;
using tl::test::writeAll;
namespace fs = std::filesystem;

namespace {

QString compactModelJson() {
    return QString::fromUtf8(QJsonDocument::fromJson(readAll(test::teachableMachineModelJson()))
                                 .toJson(QJsonDocument::Compact));
}

// A copy of the Teachable Machine export whose model.json text went through `edit`.
QString writeEditedCopy(const QTemporaryDir& dir, const std::function<QString(QString)>& edit) {
    writeAll(dir.filePath("model.json"), edit(compactModelJson()).toUtf8());
    QFile::copy(test::teachableMachineDir() + "/weights.bin", dir.filePath("weights.bin"));
    return dir.filePath("model.json");
}

// Re-encodes one weight of the export with TF.js quantization (uint8, uint16 or float16),
// leaving all others float32, and returns the original float values of that weight.
torch::Tensor writeQuantizedCopy(const QTemporaryDir& dir, const QString& target,
                                 const QString& dtype, double* scaleOut) {
    QJsonObject model =
        QJsonDocument::fromJson(readAll(test::teachableMachineModelJson())).object();
    const QByteArray data = readAll(test::teachableMachineDir() + "/weights.bin");
    QJsonArray manifest = model["weightsManifest"].toArray();
    QJsonObject group = manifest[0].toObject();
    QJsonArray specs = group["weights"].toArray();
    QByteArray out;
    torch::Tensor original;
    int64_t offset = 0;
    for (int i = 0; i < specs.size(); ++i) {
        QJsonObject spec = specs[i].toObject();
        int64_t count = 1;
        for (const auto& dim : spec["shape"].toArray()) {
            count *= dim.toInteger();
        }
        const QByteArray bytes = data.mid(offset, count * 4);
        offset += count * 4;
        if (spec["name"].toString() != target) {
            out += bytes;
            continue;
        }
        original = torch::empty({count}, torch::kFloat32);
        std::memcpy(original.data_ptr(), bytes.constData(), bytes.size());
        QJsonObject quantization{{"dtype", dtype}};
        if (dtype == "float16") {
            const auto half = original.to(torch::kFloat16).contiguous();
            out += QByteArray(static_cast<const char*>(half.data_ptr()), count * 2);
            *scaleOut = 0;
        } else {
            const double levels = dtype == "uint8" ? 255.0 : 65535.0;
            const double minimum = original.min().item<double>();
            const double scale = (original.max().item<double>() - minimum) / levels;
            const auto codes = ((original - minimum) / scale).round().clamp(0, levels);
            if (dtype == "uint8") {
                const auto u8 = codes.to(torch::kUInt8).contiguous();
                out += QByteArray(static_cast<const char*>(u8.data_ptr()), count);
            } else {
                const auto values = codes.to(torch::kInt32).contiguous();
                for (int64_t k = 0; k < count; ++k) {
                    const uint16_t code = static_cast<uint16_t>(values.data_ptr<int32_t>()[k]);
                    out += QByteArray(reinterpret_cast<const char*>(&code), 2);
                }
            }
            quantization["min"] = minimum;
            quantization["scale"] = scale;
            *scaleOut = scale;
        }
        spec["quantization"] = quantization;
        specs[i] = spec;
    }
    group["weights"] = specs;
    manifest[0] = group;
    model["weightsManifest"] = manifest;
    writeAll(dir.filePath("model.json"), QJsonDocument(model).toJson());
    writeAll(dir.filePath("weights.bin"), out);
    return original;
}

QString importError(const QString& modelJson) {
    try {
        TfjsModelImporter::import(toPath(modelJson));
    } catch (const ImportError& error) {
        return QString::fromStdString(error.what());
    }
    return QString();
}

// A few of the shared photos, decoded and preprocessed as the app does.
torch::Tensor sharedPhotos(int size) {
    const QStringList files = {"/alpaca/01ad3ff1d94eb557.jpg", "/alpaca/0346463867a297f4.jpg",
                               "/not_alpaca/" + QDir(test::alpacaDatasetDir() + "/not_alpaca")
                                                    .entryList({"*.jpg"}, QDir::Files, QDir::Name)
                                                    .first()};
    ImageDecoder decoder(cv::Size(size, size));
    std::vector<cv::Mat> images;
    for (const auto& file : files) {
        images.push_back(decoder.decode(toPath(test::alpacaDatasetDir() + file)));
    }
    return toInputBatch(images, Preprocessing::MobileNet);
}

}  // namespace

class TestTfjsImporter : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        torch::set_num_threads(2);
        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine model is missing");
        }
    }

    void importsTheNestedTeachableMachineModel() {
        const ImportedModel model = TfjsModelImporter::import(toPath(test::teachableMachineDir()));
        QCOMPARE(model.format, std::string("tfjs-layers"));
        QCOMPARE(model.backbone->spec().architecture, std::string("mobilenet_v2"));
        QCOMPARE(model.backbone->spec().alpha, 0.35);
        QCOMPARE(model.backbone->spec().inputSize, 224);
        QCOMPARE(model.backbone->featureChannels(), int64_t(1280));
        QVERIFY(model.head);
        QCOMPARE(model.head->config().hiddenUnits, std::vector<int64_t>{100});
        QCOMPARE(model.head->config().numClasses, 5);
        QCOMPARE(model.head->config().outputBias, false);
        QCOMPARE(model.labels.size(), size_t(5));
        QCOMPARE(QString::fromStdString(model.labels[2]), QString::fromUtf8("가위"));
    }

    void agreesWithTensorFlowJs_data() {
        QTest::addColumn<int>("size");
        QTest::newRow("224 px") << 224;
        QTest::newRow("160 px") << 160;
    }

    void agreesWithTensorFlowJs() {
        QFETCH(int, size);
        QString whyNot;
        if (!test::TfjsReference::isAvailable(&whyNot)) {
            QSKIP(qPrintable(whyNot));
        }
        const torch::Tensor input = sharedPhotos(size);
        const auto reference = test::TfjsReference::run(test::teachableMachineModelJson(), input);

        const ImportedModel model = TfjsModelImporter::import(toPath(test::teachableMachineDir()));
        torch::NoGradGuard noGrad;
        const auto embedding = model.backbone->embed(input);
        const auto probabilities = model.head->probabilities(model.head->forward(embedding));

        const double embeddingDiff = (embedding - reference.embedding).abs().max().item<double>();
        const double outputDiff = (probabilities - reference.output).abs().max().item<double>();
        qInfo(
            "%d px: max |embedding - TF.js| = %.3g (embedding max %.3g), max |softmax - TF.js| = "
            "%.3g",
            size, embeddingDiff, reference.embedding.abs().max().item<double>(), outputDiff);
        QCOMPARE(reference.embedding.sizes(), embedding.sizes());
        QVERIFY2(embeddingDiff < 1e-4, qPrintable(QString::number(embeddingDiff)));
        QVERIFY2(outputDiff < 1e-4, qPrintable(QString::number(outputDiff)));

        // The fast inference path (BatchNorm folded, frozen TorchScript, oneDNN) too.
        BackboneSpec spec = model.backbone->spec();
        spec.inputSize = size;
        auto atSize = createBackbone(spec);
        atSize->loadKerasWeights(model.backbone->toKerasWeights());
        const InferenceBackbone fast(atSize);
        QVERIFY(fast.isFrozen());
        const auto fastEmbedding = fast.embed(input);
        const double fastDiff = (fastEmbedding - reference.embedding).abs().max().item<double>();
        qInfo("%d px: max |frozen-folded embedding - TF.js| = %.3g", size, fastDiff);
        QVERIFY2(fastDiff < 1e-4, qPrintable(QString::number(fastDiff)));
        // The photos must not all look alike to the network, or the check proves little.
        QVERIFY((embedding[0] - embedding[2]).abs().max().item<double>() > 0.1);
    }

    void dequantizesWeights_data() {
        QTest::addColumn<QString>("dtype");
        QTest::newRow("uint8") << "uint8";
        QTest::newRow("uint16") << "uint16";
        QTest::newRow("float16") << "float16";
    }

    void dequantizesWeights() {
        QFETCH(QString, dtype);
        QTemporaryDir dir;
        double scale = 0;
        const auto original = writeQuantizedCopy(dir, "Conv_1/kernel", dtype, &scale);
        const ImportedModel model = TfjsModelImporter::import(toPath(dir.filePath("model.json")));
        const auto loaded = model.backbone->toKerasWeights().get("Conv_1", "kernel").reshape({-1});
        const double error = (loaded - original).abs().max().item<double>();
        const double bound =
            dtype == "float16" ? 1e-3 * original.abs().max().item<double>() : scale / 2 + 1e-6;
        QVERIFY2(error <= bound, qPrintable(QString("error %1 > bound %2").arg(error).arg(bound)));
        QVERIFY2(error > 0, "the weight was not actually quantized");
    }

    void reportsUnsupportedLayers() {
        QTemporaryDir dir;
        const QString path = writeEditedCopy(dir, [](QString json) {
            return json.replace(R"("class_name":"Add")", R"("class_name":"LSTM")");
        });
        const QString error = importError(path);
        QVERIFY2(error.contains("unsupported layer 'block_2_add'") && error.contains("LSTM"),
                 qPrintable(error));
    }

    void reportsShapeMismatchNamingTheLayer() {
        QTemporaryDir dir;
        const QString path = writeEditedCopy(dir, [](QString json) {
            return json.replace(R"("name":"Conv1/kernel","shape":[3,3,3,16])",
                                R"("name":"Conv1/kernel","shape":[3,3,16,3])");
        });
        const QString error = importError(path);
        QVERIFY2(error.contains("layer 'Conv1'") && error.contains("shape"), qPrintable(error));
    }

    void reportsMissingLayer() {
        QTemporaryDir dir;
        const QString path = writeEditedCopy(dir, [](QString json) {
            return json.replace("block_5_project/kernel", "block_5_projekt/kernel");
        });
        const QString error = importError(path);
        QVERIFY2(error.contains("block_5_project"), qPrintable(error));
    }

    void reportsMissingAndTruncatedShards() {
        QTemporaryDir dir;
        writeAll(dir.filePath("model.json"), readAll(test::teachableMachineModelJson()));
        QString error = importError(dir.filePath("model.json"));
        QVERIFY2(error.contains("missing weight shard") && error.contains("weights.bin"),
                 qPrintable(error));

        const QByteArray weights = readAll(test::teachableMachineDir() + "/weights.bin");
        writeAll(dir.filePath("weights.bin"), weights.left(weights.size() / 2));
        error = importError(dir.filePath("model.json"));
        QVERIFY2(error.contains("truncated"), qPrintable(error));
    }

    void reportsFilesThatAreNotModels() {
        QTemporaryDir dir;
        writeAll(dir.filePath("model.json"), "\x89PNG not json");
        QVERIFY(importError(dir.filePath("model.json")).contains("not valid JSON"));
        writeAll(dir.filePath("model.json"), R"({"format": "graph-model", "weightsManifest": []})");
        QVERIFY(importError(dir.filePath("model.json")).contains("modelTopology"));
        QVERIFY(importError(dir.filePath("absent.json")).contains("cannot open"));
    }
};

QTEST_GUILESS_MAIN(TestTfjsImporter)
#include "TestTfjsImporter.moc"
