// SPDX-License-Identifier: MIT
#include "training/FeatureExtractor.h"

#include <QCryptographicHash>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <sstream>
#include <thread>

#include "data/Augmenter.h"
#include "data/ImageDecoder.h"
#include "data/Preprocessing.h"
#include "nn/InferenceBackbone.h"
#include "support/ComputeThreads.h"
#include "support/Errors.h"
#include "training/FeatureStore.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

uint64_t fnv1a(const std::string& text) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    return hash;
}

std::string augmentationKey(const AugmentationSettings& a, uint64_t seed) {
    if (!a.enabled) {
        return "plain";
    }
    if (a.fixedViews != AugmentationSettings::FixedViews::None) {  // the same for every seed
        return a.fixedViews == AugmentationSettings::FixedViews::Mirror ? "mirror" : "crops";
    }
    std::ostringstream text;
    text << a.horizontalFlip << a.rotation << '_' << a.zoom << '_' << a.translation << '_'
         << a.contrast << '_' << a.brightness << '_' << seed;
    return "aug" + std::to_string(fnv1a(text.str()) % 1000000007ull);
}

// Inputs of several photos (all views of each, never split) on their way to the backbone.
struct Batch {
    std::vector<cv::Mat> inputs;
    std::vector<size_t> photos;  // one entry per photo, its views consecutive in `inputs`
};

// What the workers share; guarded by `mutex` unless atomic.
struct Pipeline {
    std::mutex mutex;
    std::condition_variable changed;
    size_t nextPhoto = 0;
    Batch assembling;
    std::deque<Batch> ready;
    int decoding = 0;
    int running = 0;  // workers still in their loop
    std::atomic<size_t> finished{0};
    std::atomic<bool> stop{false};
    std::exception_ptr error;
};

// Per photo: what the workers found.
struct PhotoState {
    enum Outcome : unsigned char { Pending, Cached, Computed, Skipped };
    Outcome outcome = Pending;
    std::string error;
    std::string hash;  // hex, when computed (augmentation seed)
    FeatureStore::Hash key{};
};

}  // namespace

FeatureExtractor::FeatureExtractor(LoadedBackbone backbone, AugmentationSettings augmentation,
                                   uint64_t seed, FeatureCache cache, int batchSize)
    : backbone_(std::move(backbone)),
      augmentation_(augmentation),
      seed_(seed),
      cache_(std::move(cache)),
      multiplyAdds_(InferenceBackbone::multiplyAddsPerImage(*backbone_.backbone)),
      batchSize_(batchSize > 0 ? batchSize
                               : InferenceBackbone::preferredBatchSize(*backbone_.backbone)) {}

FeatureExtractor::~FeatureExtractor() = default;

uint64_t FeatureExtractor::imageSeed(const std::string& contentHash, uint64_t seed) {
    return fnv1a(contentHash) ^ (seed * 0x9E3779B97F4A7C15ull);
}

const InferenceBackbone& FeatureExtractor::inference() {
    std::call_once(inferenceBuilt_, [this] {
        inference_ = std::make_unique<InferenceBackbone>(backbone_.backbone);
    });
    return *inference_;
}

const InferenceBackbone& FeatureExtractor::eagerInference() {
    std::call_once(eagerBuilt_, [this] {
        InferenceBackbone::Options options;
        options.path = InferenceBackbone::Path::Eager;
        eager_ = std::make_unique<InferenceBackbone>(backbone_.backbone, options);
    });
    return *eager_;
}

std::string FeatureExtractor::featureSpace(int views) {
    // "r2": ImageDecoder's resize definition (full decode, area resize). Features cached under
    // an earlier definition (reduced JPEG decode) are never reused. The inference path is
    // named because folded BatchNorm changes features by float rounding.
    return backboneCacheKey(backbone_) + "_r2_" +
           InferenceBackbone::pathNameFor(*backbone_.backbone) + "_" +
           augmentationKey(augmentation_, seed_) + "_v" + std::to_string(views);
}

torch::Tensor FeatureExtractor::embed(const std::vector<cv::Mat>& rgbImages) {
    const InferenceBackbone& engine = inference();
    std::vector<torch::Tensor> parts;
    for (size_t start = 0; start < rgbImages.size(); start += batchSize_) {
        const size_t end = std::min(rgbImages.size(), start + batchSize_);
        const std::vector<cv::Mat> batch(rgbImages.begin() + start, rgbImages.begin() + end);
        parts.push_back(engine.embed(toInputBatch(batch, backbone_.backbone->preprocessing())));
    }
    return parts.empty() ? torch::empty({0, backbone_.backbone->featureChannels()})
                         : torch::cat(parts, 0);
}

FeatureExtractor::Result FeatureExtractor::extract(const std::vector<fs::path>& paths, int views,
                                                   bool keepImages, const Progress& progress,
                                                   const CancelCheck& checkCanceled) {
    views = augmentation_.enabled ? std::max(1, views) : 1;
    const int64_t channels = backbone_.backbone->featureChannels();
    const int64_t rowValues = views * channels;
    const int size = backbone_.backbone->spec().inputSize;
    const ImageDecoder decoder(cv::Size(size, size));
    const Augmenter augmenter(augmentation_);
    const Preprocessing preprocessing = backbone_.backbone->preprocessing();
    const std::shared_ptr<FeatureStore> store = cache_.open(featureSpace(views), rowValues);
    const bool needHash = store != nullptr || augmentation_.enabled;
    const size_t count = paths.size();
    // Building the frozen graph (~0.1 s) pays off from about 2.5 billion multiply-adds on: 80
    // photos with MobileNetV2-0.35 at 160 px, 8 with 1.0 at 224 px. Fewer, without a cache:
    // the eager modules. Built already (a second prediction): always the fast path.
    const bool fewPhotos = static_cast<double>(count * views) * multiplyAdds_ < 2.5e9;
    const bool eager = !store && fewPhotos && !inference_;

    torch::Tensor features = torch::empty({static_cast<int64_t>(count), views, channels});
    float* const rows = features.data_ptr<float>();
    std::vector<PhotoState> photos(count);
    std::vector<cv::Mat> kept(keepImages ? count : 0);
    Pipeline pipeline;

    // Read, hash, look up; decode and augment a miss. Runs without the lock.
    auto preparePhoto = [&](size_t i) -> std::vector<cv::Mat> {
        PhotoState& photo = photos[i];
        std::vector<cv::Mat> inputs;
        try {
            const std::vector<unsigned char> bytes = ImageDecoder::readFileBytes(paths[i]);
            if (needHash) {
                const QByteArray digest = QCryptographicHash::hash(
                    QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())),
                    QCryptographicHash::Blake2b_256);
                std::memcpy(photo.key.data(), digest.constData(), photo.key.size());
                photo.hash = digest.toHex().toStdString();
            }
            const bool cached = store && store->read(photo.key, rows + i * rowValues);
            if (cached && !keepImages) {
                photo.outcome = PhotoState::Cached;
                return inputs;
            }
            const cv::Mat image = decoder.decode(bytes, paths[i]);
            if (keepImages) {
                kept[i] = image;
            }
            if (cached) {
                photo.outcome = PhotoState::Cached;
                return inputs;
            }
            const uint64_t seed = imageSeed(photo.hash, seed_);
            for (int view = 0; view < views; ++view) {
                inputs.push_back(augmenter.augment(image, seed, view));
            }
        } catch (const std::exception& error) {
            photo.outcome = PhotoState::Skipped;
            photo.error = error.what();
        }
        return inputs;
    };

    // The backbone on one batch, one LibTorch thread; rows go straight to `features`.
    auto runBatch = [&](Batch& batch) {
        const InferenceBackbone& engine = eager ? eagerInference() : inference();
        const torch::Tensor embedded =
            engine.embed(toInputBatch(batch.inputs, preprocessing)).contiguous();
        const float* source = embedded.data_ptr<float>();
        for (size_t p = 0; p < batch.photos.size(); ++p) {
            const size_t i = batch.photos[p];
            std::memcpy(rows + i * rowValues, source + p * rowValues, rowValues * sizeof(float));
            photos[i].outcome = PhotoState::Computed;
            if (store) {
                store->add(photos[i].key, rows + i * rowValues);
            }
        }
    };

    auto worker = [&] {
        ComputeThreads::useOneThreadInThisThread();
        std::unique_lock lock(pipeline.mutex);
        while (!pipeline.stop) {
            if (!pipeline.ready.empty()) {
                Batch batch = std::move(pipeline.ready.front());
                pipeline.ready.pop_front();
                lock.unlock();
                runBatch(batch);
                pipeline.finished += batch.photos.size();
                lock.lock();
                pipeline.changed.notify_all();
                continue;
            }
            if (pipeline.nextPhoto < count) {
                const size_t i = pipeline.nextPhoto++;
                ++pipeline.decoding;
                lock.unlock();
                std::vector<cv::Mat> inputs = preparePhoto(i);
                lock.lock();
                --pipeline.decoding;
                if (inputs.empty()) {
                    ++pipeline.finished;
                } else {
                    Batch& batch = pipeline.assembling;
                    if (!batch.inputs.empty() &&
                        batch.inputs.size() + inputs.size() > static_cast<size_t>(batchSize_)) {
                        pipeline.ready.push_back(std::move(batch));
                        batch = {};
                    }
                    std::move(inputs.begin(), inputs.end(), std::back_inserter(batch.inputs));
                    batch.photos.push_back(i);
                    if (batch.inputs.size() >= static_cast<size_t>(batchSize_)) {
                        pipeline.ready.push_back(std::move(batch));
                        batch = {};
                    }
                }
                pipeline.changed.notify_all();
                continue;
            }
            // No photo left: the last partial batch goes once no decode can add to it.
            if (pipeline.decoding == 0 && !pipeline.assembling.inputs.empty()) {
                pipeline.ready.push_back(std::move(pipeline.assembling));
                pipeline.assembling = {};
                continue;
            }
            break;  // a worker still decoding flushes what it adds
        }
        --pipeline.running;
        pipeline.changed.notify_all();
    };
    // A worker takes a ready batch before it decodes more, so the queue of decoded batches
    // stays at about one per worker.
    const int workerCount = std::max(1, ComputeThreads::count());
    pipeline.running = workerCount;
    std::vector<std::thread> workers;
    auto guardedWorker = [&] {
        try {
            worker();
        } catch (...) {
            std::lock_guard lock(pipeline.mutex);
            if (!pipeline.error) {
                pipeline.error = std::current_exception();
            }
            pipeline.stop = true;
            --pipeline.running;
            pipeline.changed.notify_all();
        }
    };
    for (int t = 0; t < workerCount; ++t) {
        workers.emplace_back(guardedWorker);
    }
    std::exception_ptr failure;
    size_t reported = 0;
    {
        std::unique_lock lock(pipeline.mutex);
        while (pipeline.running > 0) {
            pipeline.changed.wait_for(lock, std::chrono::milliseconds(100));
            lock.unlock();
            try {
                if (checkCanceled) {
                    checkCanceled();
                }
                const size_t done = pipeline.finished;
                if (progress && done != reported) {
                    reported = done;
                    progress(done, count);
                }
            } catch (...) {
                failure = std::current_exception();
                pipeline.stop = true;
            }
            lock.lock();
        }
        if (!failure) {
            failure = pipeline.error;
        }
    }
    for (auto& thread : workers) {
        thread.join();
    }
    if (store) {
        store->flush();  // what was computed is kept, even when canceled
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    if (progress && reported != count) {
        progress(count, count);
    }

    // Rows of the photos that were skipped are squeezed out, in order.
    Result result;
    int64_t row = 0;
    for (size_t i = 0; i < count; ++i) {
        const PhotoState& photo = photos[i];
        if (photo.outcome == PhotoState::Skipped || photo.outcome == PhotoState::Pending) {
            result.skipped.push_back(
                {paths[i], photo.error.empty() ? std::string("not processed") : photo.error});
            continue;
        }
        (photo.outcome == PhotoState::Computed ? result.computed : result.cacheHits) += 1;
        if (row != static_cast<int64_t>(i)) {
            std::memmove(rows + row * rowValues, rows + i * rowValues, rowValues * sizeof(float));
        }
        result.kept.push_back(i);
        if (keepImages) {
            result.images.push_back(kept[i]);
        }
        ++row;
    }
    result.features = features.narrow(0, 0, row);
    return result;
}

}  // namespace tl
