// SPDX-License-Identifier: MIT
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "TestPaths.h"
#include "data/ImageFolderDataset.h"
#include "support/Errors.h"

using namespace tl;
namespace fs = std::filesystem;

namespace {

fs::path fsPath(const QString& path) {
    return fs::path(path.toStdU16String());
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

// A tiny real image; the format follows the extension (case-insensitively, as users name files).
void writeImage(const fs::path& path) {
    std::string extension = path.extension().u8string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    std::vector<unsigned char> bytes;
    QVERIFY(cv::imencode(extension == ".jpeg" ? ".jpg" : extension,
                         cv::Mat(8, 8, CV_8UC3, cv::Scalar(10, 200, 30)), bytes));
    writeBytes(path, std::string(bytes.begin(), bytes.end()));
}

std::vector<std::string> relativePaths(const std::vector<ImageEntry>& images) {
    std::vector<std::string> paths;
    for (const ImageEntry& image : images) {
        paths.push_back(image.relativePath);
    }
    return paths;
}

std::map<std::string, Subset> sides(const ImageFolderDataset& dataset) {
    std::map<std::string, Subset> result;
    for (const ImageEntry& image : dataset.images()) {
        result[image.relativePath] = image.subset;
    }
    return result;
}

QString errorOf(const fs::path& root) {
    try {
        ImageFolderDataset::scan(root);
    } catch (const DatasetError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

std::string numbered(const std::string& folder, int i) {
    return folder + "/img_" + std::to_string(1000 + i) + ".png";
}

}  // namespace

class TestImageFolderDataset : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> dir_;
    fs::path root() const { return fsPath(dir_->path()); }

    // Two classes of `count` images each, for the split tests.
    void writeNumberedImages(int first, int count) {
        for (const std::string folder : {"cats", "dogs"}) {
            for (int i = first; i < first + count; ++i) {
                writeImage(root() / numbered(folder, i));
            }
        }
    }

private slots:
    void init() {
        dir_ = std::make_unique<QTemporaryDir>();
        QVERIFY(dir_->isValid());
    }

    void classesAreSortedFoldersAndImagesAreFoundRecursively() {
        for (const char* name :
             {"b/1.png", "a/2.png", "B/3.png", "_x/4.png", "a/sub/deeper/5.png", "a/0.png"}) {
            writeImage(root() / name);
        }
        const auto dataset = ImageFolderDataset::scan(root());
        // Byte order, as Python's sorted(): upper case, then '_', then lower case.
        QCOMPARE(dataset.classNames(), (std::vector<std::string>{"B", "_x", "a", "b"}));
        QCOMPARE(relativePaths(dataset.images()),
                 (std::vector<std::string>{"B/3.png", "_x/4.png", "a/0.png", "a/2.png",
                                           "a/sub/deeper/5.png", "b/1.png"}));
        const std::vector<int> labels = {0, 1, 2, 2, 2, 3};
        for (std::size_t i = 0; i < labels.size(); ++i) {
            QCOMPARE(dataset.images()[i].label, labels[i]);
            QVERIFY(fs::exists(dataset.images()[i].path));
        }
        QCOMPARE(dataset.images()[4].path, root() / "a" / "sub" / "deeper" / "5.png");
        QVERIFY(dataset.skipped().empty());
    }

    void extensionsAreCaseInsensitive() {
        for (const char* name :
             {"c/a.JPG", "c/b.Jpeg", "c/c.PNG", "c/d.bmp", "c/e.WebP", "c/f.jpeg", "c/g.tiff"}) {
            writeImage(root() / name);
        }
        const auto dataset = ImageFolderDataset::scan(root());
        QCOMPARE(relativePaths(dataset.images()),
                 (std::vector<std::string>{"c/a.JPG", "c/b.Jpeg", "c/c.PNG", "c/d.bmp", "c/e.WebP",
                                           "c/f.jpeg"}));
        QVERIFY(dataset.skipped().empty());  // TIFF is not a dataset format: ignored
    }

    void hiddenAndNonImageFilesAreIgnored() {
        for (const char* name : {"cats/ok.png", "cats/.hidden.png", "cats/.thumbs/t.png",
                                 ".cache/x.png", "dogs/ok.jpg"}) {
            writeImage(root() / name);
        }
        writeBytes(root() / "cats" / "notes.txt", "not an image");
        writeBytes(root() / "cats" / "Thumbs.db", "");
        writeBytes(root() / "dogs" / "README", "hello");
        writeImage(root() / "loose.png");  // beside the class folders: not in any class
        const auto dataset = ImageFolderDataset::scan(root());
        QCOMPARE(dataset.classNames(), (std::vector<std::string>{"cats", "dogs"}));
        QCOMPARE(relativePaths(dataset.images()),
                 (std::vector<std::string>{"cats/ok.png", "dogs/ok.jpg"}));
        QVERIFY(dataset.skipped().empty());
    }

    void unusableImagesAreSkippedWithReasons() {
        writeImage(root() / "cats" / "good.png");
        writeBytes(root() / "cats" / "empty.jpg", "");
        writeBytes(root() / "cats" / "text.jpg", "this is not a JPEG");
        writeBytes(root() / "dogs" / "sub" / "html.png", "<html></html>");
        writeImage(root() / "dogs" / "good.jpg");
        const auto dataset = ImageFolderDataset::scan(root());
        QCOMPARE(relativePaths(dataset.images()),
                 (std::vector<std::string>{"cats/good.png", "dogs/good.jpg"}));
        const auto& skipped = dataset.skipped();
        QCOMPARE(skipped.size(), std::size_t(3));
        QCOMPARE(skipped[0].path, root() / "cats" / "empty.jpg");
        QCOMPARE(skipped[0].reason, std::string("empty file"));
        QCOMPARE(skipped[1].path, root() / "cats" / "text.jpg");
        QVERIFY(skipped[1].reason.find("not an image") != std::string::npos);
        QCOMPARE(skipped[2].path, root() / "dogs" / "sub" / "html.png");
    }

    void unreadableImageIsSkipped() {
        writeImage(root() / "cats" / "good.png");
        const fs::path locked = root() / "cats" / "locked.jpg";
        writeImage(locked);
        fs::permissions(locked, fs::perms::none);
        if (std::ifstream(locked).good()) {
            fs::permissions(locked, fs::perms::owner_all);
            QSKIP("permissions are not enforced for this user (root?)");
        }
        const auto dataset = ImageFolderDataset::scan(root());
        fs::permissions(locked, fs::perms::owner_all);
        QCOMPARE(dataset.images().size(), std::size_t(1));
        QCOMPARE(dataset.skipped().size(), std::size_t(1));
        QVERIFY(dataset.skipped()[0].reason.find("cannot open") != std::string::npos);
    }

    void clearErrorsForUnusableFolders() {
        QVERIFY(errorOf(root() / "missing").contains("not found"));
        QVERIFY(errorOf(root() / "missing")
                    .contains(QString::fromStdString((root() / "missing").u8string())));
        writeBytes(root() / "file.txt", "x");
        QVERIFY(errorOf(root() / "file.txt").contains("not a folder"));
        fs::create_directories(root() / "empty");
        QVERIFY(errorOf(root() / "empty").contains("No class folders"));
        writeImage(root() / "flat" / "a.png");  // images but no class folders
        QVERIFY(errorOf(root() / "flat").contains("No class folders"));
        writeBytes(root() / "noimages" / "cats" / "notes.txt", "x");
        QVERIFY(errorOf(root() / "noimages").contains("No images"));
        writeBytes(root() / "allbad" / "cats" / "x.jpg", "");
        const QString allBad = errorOf(root() / "allbad");
        QVERIFY2(allBad.contains("No images") && allBad.contains("empty file"), qPrintable(allBad));
    }

    void symlinksAreFollowedAndLoopsTerminate() {
        const fs::path data = root() / "data";
        writeImage(data / "cats" / "a.png");
        writeImage(data / "cats" / "sub" / "b.png");
        writeImage(root() / "outside" / "c.png");
        std::error_code ec;
        fs::create_directory_symlink(data / "cats", data / "cats" / "self", ec);
        if (ec) {
            QSKIP("cannot create directory symlinks here");
        }
        fs::create_directory_symlink("..", data / "cats" / "sub" / "up");
        fs::create_directory_symlink(root() / "outside", data / "cats" / "linked");
        fs::create_symlink(root() / "gone.png", data / "cats" / "broken.png");
        const auto dataset = ImageFolderDataset::scan(data);
        QCOMPARE(relativePaths(dataset.images()),
                 (std::vector<std::string>{"cats/a.png", "cats/linked/c.png", "cats/sub/b.png"}));
        QCOMPARE(dataset.skipped().size(), std::size_t(1));  // the broken link
        QCOMPARE(dataset.skipped()[0].path, data / "cats" / "broken.png");
    }

    void splitIsDeterministic() {
        writeNumberedImages(0, 30);
        const auto first = ImageFolderDataset::scan(root());
        const auto second = ImageFolderDataset::scan(root());
        QCOMPARE(sides(first), sides(second));
        // The split follows relative paths, so the same files listed another way agree.
        std::vector<std::pair<fs::path, int>> files;
        for (const ImageEntry& image : first.images()) {
            files.emplace_back(image.path, image.label);
        }
        const auto listed = ImageFolderDataset::fromEntries(first.classNames(), files, root(), {});
        QCOMPARE(sides(listed), sides(first));
        // A trailing separator on the root changes nothing.
        const auto slashed = ImageFolderDataset::scan(fsPath(dir_->path() + "/"));
        QCOMPARE(sides(slashed), sides(first));
    }

    void seedChangesTheSplit() {
        writeNumberedImages(0, 30);
        const auto a = ImageFolderDataset::scan(root(), {0.2, 1});
        const auto b = ImageFolderDataset::scan(root(), {0.2, 2});
        QVERIFY(sides(a) != sides(b));
        QCOMPARE(a.splitOptions().seed, uint64_t(1));
    }

    // Adding (or removing) photos must not move the others between training and validation,
    // otherwise validation scores of successive runs are not comparable.
    void splitIsStableWhenFilesAreAddedOrRemoved() {
        writeNumberedImages(0, 40);
        const auto before = sides(ImageFolderDataset::scan(root()));
        writeNumberedImages(40, 10);
        fs::remove(root() / numbered("cats", 3));
        fs::remove(root() / numbered("dogs", 17));
        const auto after = sides(ImageFolderDataset::scan(root()));
        QCOMPARE(after.size(), before.size() + 20 - 2);
        int compared = 0;
        for (const auto& [path, side] : before) {
            if (after.count(path)) {
                QVERIFY2(after.at(path) == side, path.c_str());
                ++compared;
            }
        }
        QCOMPARE(compared, 78);
    }

    // Per-class fraction of a 500-image class: binomial, sigma = sqrt(f(1-f)/500) <= 0.0224;
    // 4 sigma keeps the check meaningful without depending on a lucky hash.
    void splitFractionIsStratified() {
        for (const double fraction : {0.1, 0.2, 0.5}) {
            for (const uint64_t seed : {0ull, 42ull, 1234567ull}) {
                for (const std::string folder : {"alpaca", "not_alpaca", "x"}) {
                    int validation = 0;
                    for (int i = 0; i < 500; ++i) {
                        validation +=
                            ImageFolderDataset::assignSubset(
                                numbered(folder, i), {fraction, seed}) == Subset::Validation;
                    }
                    const double sigma = std::sqrt(fraction * (1 - fraction) / 500);
                    QVERIFY2(std::abs(validation / 500.0 - fraction) < 4 * sigma,
                             qPrintable(QString("%1 of 500 at %2").arg(validation).arg(fraction)));
                }
            }
        }
    }

    void everyClassOfTwoOrMoreHasBothSides() {
        for (uint64_t seed = 0; seed < 200; ++seed) {
            const auto dataset = ImageFolderDataset::fromEntries({"pair", "single", "trio"},
                                                                 {{"pair/a.jpg", 0},
                                                                  {"pair/b.jpg", 0},
                                                                  {"single/a.jpg", 1},
                                                                  {"trio/a.jpg", 2},
                                                                  {"trio/b.jpg", 2},
                                                                  {"trio/c.jpg", 2}},
                                                                 root(), {0.2, seed});
            const auto validation = dataset.countPerClass(Subset::Validation);
            const auto training = dataset.countPerClass(Subset::Training);
            QCOMPARE(validation[0], 1);
            QCOMPARE(training[0], 1);
            QCOMPARE(validation[1] + training[1], 1);
            QVERIFY(validation[2] >= 1 && training[2] >= 1);
        }
    }

    // Near-duplicates kept together land on one side, the side their first member in byte
    // order has alone; every photo outside the groups keeps its plain side.
    void keepTogetherGroupsShareOneSide() {
        writeNumberedImages(0, 40);
        const auto plain = ImageFolderDataset::scan(root(), {0.2, 42});
        std::vector<std::string> validation, training;
        for (const ImageEntry& image : plain.images()) {
            (image.subset == Subset::Validation ? validation : training)
                .push_back(image.relativePath);
        }
        QVERIFY(validation.size() >= 3 && training.size() >= 6);
        SplitOptions options{0.2, 42, {}};
        for (size_t g = 0; g < 3; ++g) {
            // Straddling groups, across classes too (a duplicate filed under two labels).
            options.keepTogether.push_back({training[2 * g], validation[g], training[2 * g + 1]});
        }
        const auto grouped = ImageFolderDataset::scan(root(), options);
        const auto before = sides(plain);
        const auto after = sides(grouped);
        std::map<std::string, bool> inGroup;
        for (const auto& group : options.keepTogether) {
            const std::string anchor = *std::min_element(group.begin(), group.end());
            for (const std::string& member : group) {
                QCOMPARE(int(after.at(member)), int(before.at(anchor)));
                QCOMPARE(int(ImageFolderDataset::assignSubset(member, options)),
                         int(before.at(anchor)));
                inGroup[member] = true;
            }
        }
        int unchanged = 0;
        for (const auto& [path, side] : before) {
            if (!inGroup.count(path)) {
                QCOMPARE(int(after.at(path)), int(side));
                QCOMPARE(int(ImageFolderDataset::assignSubset(path, options)), int(side));
                ++unchanged;
            }
        }
        QCOMPARE(unchanged, 80 - 9);
        // Listed with fromEntries (the project's way), the same relative paths, the same sides.
        std::vector<std::pair<fs::path, int>> files;
        for (const ImageEntry& image : plain.images()) {
            files.emplace_back(image.path, image.label);
            QCOMPARE(ImageFolderDataset::relativePathOf(image.path, root()), image.relativePath);
        }
        QCOMPARE(sides(ImageFolderDataset::fromEntries(plain.classNames(), files, root(), options)),
                 after);
        // No groups: exactly the plain split.
        QCOMPARE(sides(ImageFolderDataset::scan(root(), {0.2, 42, {}})), before);
    }

    // The small-class correction moves a grouped photo with its whole group.
    void smallClassCorrectionMovesWholeGroups() {
        for (uint64_t seed = 0; seed < 300; ++seed) {
            SplitOptions options{0.2, seed, {{"trio/a.jpg", "trio/b.jpg"}}};
            const auto dataset = ImageFolderDataset::fromEntries(
                {"trio", "other"},
                {{"trio/a.jpg", 0}, {"trio/b.jpg", 0}, {"trio/c.jpg", 0}, {"other/x.jpg", 1}},
                root(), options);
            const auto side = sides(dataset);
            QCOMPARE(int(side.at("trio/a.jpg")), int(side.at("trio/b.jpg")));
            QCOMPARE(dataset.countPerClass(Subset::Validation)[0] > 0, true);
            QCOMPARE(dataset.countPerClass(Subset::Training)[0] > 0, true);
        }
    }

    void extremeFractions() {
        const std::vector<std::pair<fs::path, int>> files = {
            {"a/1.jpg", 0}, {"a/2.jpg", 0}, {"b/1.jpg", 1}, {"b/2.jpg", 1}};
        const auto none = ImageFolderDataset::fromEntries({"a", "b"}, files, root(), {0.0, 42});
        QCOMPARE(none.countPerClass(Subset::Validation), (std::vector<int>{0, 0}));
        QCOMPARE(none.subset(Subset::Training).size(), std::size_t(4));
        const auto all = ImageFolderDataset::fromEntries({"a", "b"}, files, root(), {1.0, 42});
        QCOMPARE(all.countPerClass(Subset::Training), (std::vector<int>{0, 0}));
        for (const double bad : {-0.1, 1.5, std::nan("")}) {
            QVERIFY_THROWS_EXCEPTION(
                std::invalid_argument,
                ImageFolderDataset::fromEntries({"a", "b"}, files, root(), {bad, 1}));
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                     ImageFolderDataset::assignSubset("a/1.jpg", {bad, 1}));
        }
    }

    void fromEntriesPathsAndValidation() {
        const auto dataset = ImageFolderDataset::fromEntries(
            {"dogs", "cats"}, {{root() / "cats" / "x.jpg", 1}, {"dogs/./y.jpg", 0}}, root(), {});
        QCOMPARE(dataset.classNames(), (std::vector<std::string>{"dogs", "cats"}));  // as given
        QCOMPARE(relativePaths(dataset.images()),
                 (std::vector<std::string>{"dogs/y.jpg", "cats/x.jpg"}));
        QCOMPARE(dataset.images()[0].path, root() / "dogs" / "y.jpg");
        QCOMPARE(dataset.countPerClass(Subset::Training)[0] +
                     dataset.countPerClass(Subset::Validation)[0],
                 1);

        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ImageFolderDataset::fromEntries(
                                                            {"a"}, {{"a/1.jpg", 1}}, root(), {}));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            ImageFolderDataset::fromEntries({"a", "a"}, {{"a/1.jpg", 0}}, root(), {}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 ImageFolderDataset::fromEntries({}, {{"a/1.jpg", 0}}, root(), {}));
        QVERIFY_THROWS_EXCEPTION(DatasetError,
                                 ImageFolderDataset::fromEntries({"a"}, {}, root(), {}));
    }

    void subsetsPartitionTheImages() {
        writeNumberedImages(0, 25);
        const auto dataset = ImageFolderDataset::scan(root(), {0.3, 7});
        const auto training = dataset.subset(Subset::Training);
        const auto validation = dataset.subset(Subset::Validation);
        QCOMPARE(training.size() + validation.size(), dataset.images().size());
        const auto trainingCounts = dataset.countPerClass(Subset::Training);
        const auto validationCounts = dataset.countPerClass(Subset::Validation);
        QCOMPARE(trainingCounts[0] + validationCounts[0], 25);
        QCOMPARE(trainingCounts[1] + validationCounts[1], 25);
        QCOMPARE(int(validation.size()), validationCounts[0] + validationCounts[1]);
        for (const ImageEntry& image : validation) {
            QVERIFY(image.subset == Subset::Validation);
        }
    }

    void sharedAlpacaDataset() {
        if (!QDir(tl::test::alpacaDatasetDir()).exists()) {
            QSKIP("shared alpaca photos not available");
        }
        const auto dataset = ImageFolderDataset::scan(fsPath(tl::test::alpacaDatasetDir()));
        QCOMPARE(dataset.classNames(), (std::vector<std::string>{"alpaca", "not_alpaca"}));
        const auto training = dataset.countPerClass(Subset::Training);
        const auto validation = dataset.countPerClass(Subset::Validation);
        QCOMPARE(training[0] + validation[0], 142);
        QCOMPARE(training[1] + validation[1], 185);
        QVERIFY(dataset.skipped().empty());
        qInfo("alpaca split at 0.2/seed 42: training %d+%d, validation %d+%d", training[0],
              training[1], validation[0], validation[1]);
    }
};

QTEST_GUILESS_MAIN(TestImageFolderDataset)
#include "TestImageFolderDataset.moc"
