// SPDX-License-Identifier: MIT
// "Same photo, same answer": on real JPEG photos (the shared alpaca photos, ~1024 px, two of
// them grayscale, one given an EXIF rotation) and on small ones that must be enlarged, a
// consumer that follows an export's JSON (OpenCV imread, the documented resize, the scaling)
// or that feeds the self-contained variants raw pixels gets the probabilities that
// `transferlab-cli predict` prints, to 1e-3; TensorFlow.js on the TF.js export to 1e-4. The
// Python examples of the READMEs beside the exports are run as written.
#include "support/TorchInclude.h"
#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <map>

#include "SyntheticImages.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "data/ImageDecoder.h"
#include "export/ModelExporter.h"
#include "training/TrainedModel.h"
#include "training/TrainingJob.h"

using namespace tl;
namespace fs = std::filesystem;

namespace {

using Probabilities = std::map<QString, std::vector<double>>;  // photo -> per class

constexpr int kSize = 96;

// The export JSON's resize, as a consumer implements it from the words "INTER_AREA when
// shrinking in both directions, else INTER_LINEAR": cv::imread, cv::resize, BGR to RGB.
cv::Mat documentedPixels(const QString& photo, int size) {
    cv::Mat bgr = cv::imread(photo.toStdString(), cv::IMREAD_COLOR);
    if (bgr.cols != size || bgr.rows != size) {
        const bool shrink = bgr.cols >= size && bgr.rows >= size;
        cv::resize(bgr, bgr, {size, size}, 0, 0, shrink ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

std::vector<double> toVector(const float* values, int count) {
    return std::vector<double>(values, values + count);
}

}  // namespace

class TestExportAgreement : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString modelDir_;
    std::vector<std::string> classes_;
    QStringList photos_;
    Probabilities cli_;  // what transferlab-cli predict prints

    // Max |difference| to the CLI over every photo and class; logs the figure.
    double compare(const char* consumer, const Probabilities& got, double tolerance) {
        double worst = 0;
        int values = 0;
        for (const auto& entry : cli_) {
            // Not a structured binding: clang 14 (scripts/sanitize) cannot capture one.
            const std::vector<double>& expected = entry.second;
            const auto found = got.find(entry.first);
            if (found == got.end()) {
                continue;
            }
            [&] { QCOMPARE(found->second.size(), expected.size()); }();
            for (size_t c = 0; c < expected.size(); ++c) {
                worst = std::max(worst, std::abs(found->second[c] - expected[c]));
                ++values;
            }
        }
        qInfo(
            "%s vs transferlab-cli predict: max |difference| %.3g over %d probabilities of %zu "
            "photos",
            consumer, worst, values, got.size());
        [&] {
            QVERIFY(values > 0);
            QVERIFY2(worst <= tolerance, qPrintable(QString("%1: %2").arg(consumer).arg(worst)));
        }();
        return worst;
    }

    QString exportAs(ExportFormat format, bool selfContained, const QString& name) {
        const QString path = work_.filePath("exports/" + name);
        exportModel(TrainedModel::load(test::toPath(modelDir_)), format, test::toPath(path),
                    {selfContained});
        return path;
    }

    QJsonObject metadataOf(const QString& exportPath) {
        QFile file(QFileInfo(exportPath).isDir() ? exportPath + "/metadata.json"
                                                 : exportPath + ".json");
        [&] { QVERIFY(file.open(QIODevice::ReadOnly)); }();
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    // Runs the ```python block of an export's README as a user would, on `photo`.
    std::vector<double> runReadmeExample(const QString& exportPath, const QString& photo) {
        const QString readme = QString::fromUtf8(test::readAll(exportPath + ".README.md"));
        static const QRegularExpression block(QStringLiteral("```python\\n(.*?)```"),
                                              QRegularExpression::DotMatchesEverythingOption);
        const QString code = block.match(readme).captured(1);
        const QString script = exportPath + ".example.py";
        test::writeAll(script, code.toUtf8());
        QProcess python;
        python.setWorkingDirectory(QFileInfo(exportPath).absolutePath());
        python.start(QStringLiteral("/usr/bin/python3"), {script, photo});
        std::vector<double> values;
        [&] {
            QVERIFY(!code.isEmpty());
            QVERIFY(python.waitForFinished(120000));
            QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        }();
        for (const QByteArray& line : python.readAllStandardOutput().split('\n')) {
            const int colon = line.lastIndexOf(": ");
            if (colon > 0) {
                values.push_back(line.mid(colon + 2).toDouble());
            }
        }
        return values;
    }

    bool pythonHas(const char* modules) {
        QProcess probe;
        probe.start(QStringLiteral("/usr/bin/python3"), {"-c", QString("import ") + modules});
        return probe.waitForFinished(60000) && probe.exitCode() == 0;
    }

private slots:
    void initTestCase() {
        const QDir alpaca(test::alpacaDatasetDir() + "/alpaca");
        const QDir other(test::alpacaDatasetDir() + "/not_alpaca");
        if (!QFile::exists(test::teachableMachineModelJson()) || !alpaca.exists()) {
            QSKIP("the shared photos or the Teachable Machine backbone are missing");
        }
        torch::set_num_threads(2);
        // A model trained briefly on 24 photos per class, so that its probabilities on other
        // photos spread between 0 and 1 where differences would show.
        const QString data = work_.filePath("train");
        const QStringList alpacas = alpaca.entryList({"*.jpg"}, QDir::Files, QDir::Name);
        const QStringList others = other.entryList({"*.jpg"}, QDir::Files, QDir::Name);
        for (int i = 0; i < 24; ++i) {
            QVERIFY(QDir().mkpath(data + "/alpaca") && QDir().mkpath(data + "/not_alpaca"));
            QVERIFY(QFile::copy(alpaca.filePath(alpacas[i]), data + "/alpaca/" + alpacas[i]));
            QVERIFY(QFile::copy(other.filePath(others[i]), data + "/not_alpaca/" + others[i]));
        }
        TrainingSettings settings = TrainingSettings::recipe();
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.inputSize = kSize;
        settings.epochs = 3;
        settings.featureCache = false;
        modelDir_ = work_.filePath("model");
        TrainingJob job(ImageFolderDataset::scan(test::toPath(data)), settings,
                        test::toPath(modelDir_));
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        classes_ = TrainedModel::load(test::toPath(modelDir_)).classNames;

        // Photos the model did not see: colour and the two grayscale ones, ~1024 px (shrunk
        // with INTER_AREA), one with an EXIF rotation, and small ones that are enlarged
        // (INTER_LINEAR) or enlarged one way and shrunk the other.
        for (int i = 1; i <= 3; ++i) {
            photos_ << alpaca.filePath(alpacas[alpacas.size() - i]);
        }
        photos_ << other.filePath("4b9ef3ce2685ee32.jpg") << other.filePath("5a71db307230880e.jpg")
                << other.filePath(others.last());
        const QString rotated = work_.filePath("photos/rotated.jpg");
        QVERIFY(QDir().mkpath(work_.filePath("photos")));
        const QByteArray original = test::readAll(photos_.first());
        const std::vector<unsigned char> bytes(original.begin(), original.end());
        const std::vector<unsigned char> withExif = test::withExifOrientation(bytes, 6);
        test::writeAll(rotated, QByteArray(reinterpret_cast<const char*>(withExif.data()),
                                           static_cast<int>(withExif.size())));
        photos_ << rotated;
        const cv::Mat photo = cv::imread(photos_[1].toStdString(), cv::IMREAD_COLOR);
        for (const auto& [name, size] :
             {std::pair<const char*, cv::Size>{"small.jpg", {72, 54}}, {"wide.jpg", {300, 60}}}) {
            cv::Mat resized;
            cv::resize(photo, resized, size, 0, 0, cv::INTER_AREA);
            QVERIFY(cv::imwrite(work_.filePath(QString("photos/") + name).toStdString(), resized));
            photos_ << work_.filePath(QString("photos/") + name);
        }

        QProcess predict;
        predict.start(test::cliPath(), QStringList{"predict", modelDir_, "--json"} + photos_);
        QVERIFY(predict.waitForFinished(180000));
        QVERIFY2(predict.exitCode() == 0, predict.readAllStandardError().constData());
        const QJsonArray results = QJsonDocument::fromJson(predict.readAllStandardOutput()).array();
        QCOMPARE(results.size(), photos_.size());
        double lowest = 1;
        for (const auto& result : results) {
            const QJsonObject object = result.toObject();
            std::vector<double> probabilities;
            for (const auto& name : classes_) {
                probabilities.push_back(object.value("probabilities")
                                            .toObject()
                                            .value(QString::fromStdString(name))
                                            .toDouble(-1));
                lowest = std::min(lowest, probabilities.back());
            }
            cli_[object.value("image").toString()] = probabilities;
        }
        QCOMPARE(cli_.size(), size_t(photos_.size()));
        QVERIFY(cli_.count(photos_.first()));
        qInfo("lowest CLI probability %.3f (the model is not saturated)", lowest);
        QVERIFY(lowest > 1e-4);
    }

    // The JSON says how to resize: the words a consumer implements must be there.
    void jsonDocumentsTheResize() {
        const QJsonObject input =
            metadataOf(exportAs(ExportFormat::Onnx, false, "doc.onnx")).value("input").toObject();
        const QString resize = input.value("resize").toString();
        QVERIFY2(resize.contains("EXIF") && resize.contains("INTER_AREA when shrinking in both "
                                                            "directions, else INTER_LINEAR"),
                 qPrintable(resize));
        QCOMPARE(input.value("size").toInt(), kSize);
        QCOMPARE(input.value("preprocessing_formula").toString(),
                 QString("RGB, x / 127.5 - 1 (pixels in [0, 255] to [-1, 1])"));
    }

    void onnxInOpenCvDnn() {
        cv::dnn::Net net =
            cv::dnn::readNetFromONNX(exportAs(ExportFormat::Onnx, false, "m.onnx").toStdString());
        Probabilities got;
        for (const QString& photo : photos_) {
            cv::Mat scaled;
            documentedPixels(photo, kSize).convertTo(scaled, CV_32F, 1 / 127.5, -1);
            net.setInput(cv::dnn::blobFromImage(scaled));  // HWC to NCHW, nothing else
            const cv::Mat out = net.forward();
            got[photo] = toVector(out.ptr<float>(), out.cols);
        }
        compare("ONNX in OpenCV DNN, preprocessed by the JSON", got, 1e-3);
    }

    void selfContainedOnnxTakesPixels() {
        const QString path = exportAs(ExportFormat::Onnx, true, "self.onnx");
        const QJsonObject input = metadataOf(path).value("input").toObject();
        QCOMPARE(input.value("dtype").toString(), QString("uint8"));
        QCOMPARE(input.value("shape").toArray(), (QJsonArray{-1, kSize, kSize, 3}));
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path.toStdString());
        Probabilities got;
        for (const QString& photo : photos_) {
            const cv::Mat rgb = documentedPixels(photo, kSize);
            const int shape[] = {1, kSize, kSize, 3};
            net.setInput(cv::Mat(4, shape, CV_8U, const_cast<uchar*>(rgb.ptr())));
            const cv::Mat out = net.forward();
            got[photo] = toVector(out.ptr<float>(), out.cols);
        }
        compare("self-contained ONNX in OpenCV DNN, uint8 pixels", got, 1e-3);
    }

    void torchScriptInLibTorch() {
        torch::jit::Module module =
            torch::jit::load(exportAs(ExportFormat::TorchScript, false, "m.pt").toStdString());
        module.eval();
        torch::InferenceMode inference;
        Probabilities got;
        for (const QString& photo : photos_) {
            const cv::Mat rgb = documentedPixels(photo, kSize);
            const torch::Tensor x =
                torch::from_blob(const_cast<uchar*>(rgb.ptr()), {1, kSize, kSize, 3}, torch::kUInt8)
                        .permute({0, 3, 1, 2})
                        .to(torch::kFloat) /
                    127.5 -
                1;
            const torch::Tensor out = module.forward({x.contiguous()}).toTensor().contiguous();
            got[photo] = toVector(out.data_ptr<float>(), static_cast<int>(out.size(1)));
        }
        compare("TorchScript in LibTorch, preprocessed by the JSON", got, 1e-3);
    }

    // The whole photo in, at its own size: the resize happens in the graph.
    void selfContainedTorchScriptResizesInside() {
        const QString path = exportAs(ExportFormat::TorchScript, true, "self.pt");
        QCOMPARE(
            metadataOf(path).value("input").toObject().value("resize_included_in_model").toBool(),
            true);
        torch::jit::Module module = torch::jit::load(path.toStdString());
        module.eval();
        torch::InferenceMode inference;
        Probabilities got;
        for (const QString& photo : photos_) {
            cv::Mat bgr = cv::imread(photo.toStdString(), cv::IMREAD_COLOR);
            cv::Mat rgb;
            cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
            const torch::Tensor image =
                torch::from_blob(rgb.ptr(), {1, rgb.rows, rgb.cols, 3}, torch::kUInt8);
            const torch::Tensor out = module.forward({image}).toTensor().contiguous();
            got[photo] = toVector(out.data_ptr<float>(), static_cast<int>(out.size(1)));
        }
        compare("self-contained TorchScript in LibTorch, whole photos", got, 1e-3);
    }

    // The graph's resize is OpenCV's, to the bit, for shrinking and enlarging, whole-number and
    // fractional factors, photos and noise (whose ties and edges stress the rounding).
    void inGraphResizeIsOpenCvs() {
        torch::jit::Module module =
            torch::jit::load(exportAs(ExportFormat::TorchScript, true, "resize.pt").toStdString());
        const cv::Mat photo = cv::imread(photos_[0].toStdString(), cv::IMREAD_COLOR);
        cv::RNG random(7);
        int64_t pixels = 0;
        int64_t differing = 0;
        for (const cv::Size size : {cv::Size(1024, 683), cv::Size(683, 1024), cv::Size(192, 192),
                                    cv::Size(480, 960), cv::Size(97, 1500), cv::Size(96, 97),
                                    cv::Size(72, 54), cv::Size(300, 60), cv::Size(30, 30)}) {
            cv::Mat scaled;
            cv::resize(photo, scaled, size, 0, 0, cv::INTER_AREA);
            cv::Mat noise(size, CV_8UC3);
            random.fill(noise, cv::RNG::UNIFORM, 0, 256);
            for (const cv::Mat& image : {scaled, noise}) {
                cv::Mat expected;
                cv::resize(image, expected, {kSize, kSize}, 0, 0,
                           ImageDecoder::resizeInterpolation(image.size(), {kSize, kSize}));
                const torch::Tensor input =
                    torch::from_blob(const_cast<uchar*>(image.ptr()),
                                     {1, image.rows, image.cols, 3}, torch::kUInt8)
                        .permute({0, 3, 1, 2})
                        .to(torch::kFloat);
                const torch::Tensor resized =
                    module.run_method("resize", input, int64_t(kSize)).toTensor();
                const torch::Tensor reference =
                    torch::from_blob(expected.ptr(), {1, kSize, kSize, 3}, torch::kUInt8)
                        .permute({0, 3, 1, 2})
                        .to(torch::kFloat);
                const torch::Tensor difference = (resized - reference).abs();
                QVERIFY2(difference.max().item<float>() <= 1,
                         qPrintable(QString("%1x%2").arg(size.width).arg(size.height)));
                differing += (difference > 0).sum().item<int64_t>();
                pixels += difference.numel();
            }
        }
        qInfo("in-graph resize vs cv::resize: %lld of %lld values differ (by 1)",
              static_cast<long long>(differing), static_cast<long long>(pixels));
        QVERIFY(differing * 10000 <= pixels);  // at most 1 in 10,000, from float rounding
    }

    void readmeExamplesInPython() {
        if (!pythonHas("cv2, torch, numpy, PIL")) {
            QSKIP(
                "/usr/bin/python3 lacks cv2, torch, numpy or PIL (Debian: python3-opencv, "
                "python3-torch, python3-pil): the README examples are not run");
        }
        // Colour, grayscale, EXIF-rotated, enlarged: one photo of each kind keeps this short.
        const QStringList sample = {photos_[0], photos_[3], photos_[6], photos_[7]};
        const struct {
            ExportFormat format;
            bool selfContained;
            const char* name;
        } exports[] = {{ExportFormat::Onnx, false, "readme.onnx"},
                       {ExportFormat::Onnx, true, "readme-self.onnx"},
                       {ExportFormat::TorchScript, false, "readme.pt"},
                       {ExportFormat::TorchScript, true, "readme-self.pt"}};
        for (const auto& item : exports) {
            const QString path = exportAs(item.format, item.selfContained, item.name);
            Probabilities got;
            for (const QString& photo : sample) {
                got[photo] = runReadmeExample(path, photo);
            }
            compare(qPrintable(QString("README example of %1").arg(item.name)), got, 1e-3);
        }
    }

    // TensorFlow.js loads the TF.js export as Teachable Machine's library does and, fed the
    // documented input (metadata.json: whole photo resized, scale and offset), answers as the
    // app does.
    void tfjsExportInTensorFlowJs() {
#if defined(TRANSFERLAB_NODE) && defined(TRANSFERLAB_TFJS_DIR)
        const QString runner = QStringLiteral(TRANSFERLAB_TFJS_DIR) + "/run_export.js";
        if (!QFile::exists(runner)) {
            QSKIP(
                "the TensorFlow.js reference is not installed (ctest fixture "
                "tfjs_reference_setup)");
        }
        const QString folder = exportAs(ExportFormat::Tfjs, false, "web");
        QByteArray pixels;
        for (const QString& photo : photos_) {
            const cv::Mat rgb = documentedPixels(photo, kSize);
            pixels.append(reinterpret_cast<const char*>(rgb.ptr()),
                          static_cast<int>(rgb.total() * rgb.elemSize()));
        }
        test::writeAll(work_.filePath("pixels.u8"), pixels);
        QProcess node;
        node.start(QStringLiteral(TRANSFERLAB_NODE),
                   {runner, folder, work_.filePath("pixels.u8"), QString::number(photos_.size()),
                    work_.filePath("tfjs.f32")});
        QVERIFY(node.waitForFinished(300000));
        QVERIFY2(node.exitCode() == 0, node.readAllStandardError().constData());
        const QByteArray summary = node.readAllStandardOutput();
        qInfo("TensorFlow.js: %s", summary.trimmed().constData());
        const QByteArray output = test::readAll(work_.filePath("tfjs.f32"));
        const int classes = static_cast<int>(classes_.size());
        QCOMPARE(output.size(), static_cast<int>(photos_.size() * classes * sizeof(float)));
        Probabilities got;
        for (int i = 0; i < photos_.size(); ++i) {
            got[photos_[i]] =
                toVector(reinterpret_cast<const float*>(output.constData()) + i * classes, classes);
        }
        compare("TF.js export in TensorFlow.js (node, cpu backend)", got, 1e-4);
#else
        QSKIP("node and npm were not found when configuring: TensorFlow.js is not run");
#endif
    }
};

QTEST_GUILESS_MAIN(TestExportAgreement)
#include "TestExportAgreement.moc"
