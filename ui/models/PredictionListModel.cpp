// SPDX-License-Identifier: MIT
#include "models/PredictionListModel.h"

#include <QFileInfo>
#include <QPixmap>

#include <algorithm>
#include <numeric>

#include "models/ThumbnailCache.h"
#include "project/Project.h"

namespace tl {

namespace {
double confidence(const ImagePrediction& p) {
    const auto i = static_cast<std::size_t>(p.predictedLabel);
    return i < p.probabilities.size() ? p.probabilities[i] : 0.0;
}
}  // namespace

PredictionListModel::PredictionListModel(ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), thumbnails_(thumbnails) {
    if (thumbnails_) {
        connect(thumbnails_, &ThumbnailCache::thumbnailReady, this, [this](const QString& path) {
            const int row = rowOfPath(path);
            if (row >= 0) {
                emit dataChanged(index(row), index(row), {Qt::DecorationRole});
            }
        });
    }
}

void PredictionListModel::setProject(Project* project) {
    project_ = project;
    if (!project_) {
        return;
    }
    auto refreshAll = [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0), index(rowCount() - 1));
        }
    };
    connect(project_, &Project::imageChanged, this, [this](int row) {
        const int mine = rowOfPath(project_->image(row).path);
        if (mine >= 0) {
            emit dataChanged(index(mine), index(mine));
        }
    });
    connect(project_, &Project::reset, this, refreshAll);
    connect(project_, &Project::imagesAdded, this, refreshAll);
    connect(project_, &Project::classesChanged, this, refreshAll);
}

void PredictionListModel::setPredictions(std::vector<ImagePrediction> predictions,
                                         bool sortByConfidence) {
    beginResetModel();
    predictions_ = std::move(predictions);
    sequence_.resize(predictions_.size());
    std::iota(sequence_.begin(), sequence_.end(), 0);
    nextSequence_ = static_cast<int>(predictions_.size());
    if (sortByConfidence) {
        order_ = Order::MostConfidentFirst;
    }
    applyOrder();
    endResetModel();
}

void PredictionListModel::appendPredictions(const std::vector<ImagePrediction>& predictions) {
    if (predictions.empty()) {
        return;
    }
    if (order_ != Order::Added) {
        beginResetModel();
        for (const ImagePrediction& p : predictions) {
            predictions_.push_back(p);
            sequence_.push_back(nextSequence_++);
        }
        applyOrder();
        endResetModel();
        return;
    }
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(predictions.size()) - 1);
    for (const ImagePrediction& p : predictions) {
        predictions_.push_back(p);
        sequence_.push_back(nextSequence_++);
    }
    endInsertRows();
}

void PredictionListModel::clear() {
    const Order order = order_;
    setPredictions({}, false);
    order_ = order;
}

void PredictionListModel::setOrder(Order order) {
    if (order == order_) {
        return;
    }
    beginResetModel();
    order_ = order;
    applyOrder();
    endResetModel();
}

void PredictionListModel::applyOrder() {
    std::vector<std::size_t> rows(predictions_.size());
    std::iota(rows.begin(), rows.end(), 0);
    auto byConfidence = [this](std::size_t a, std::size_t b) {
        return confidence(predictions_[a]) > confidence(predictions_[b]);
    };
    switch (order_) {
        case Order::Added:
            std::stable_sort(rows.begin(), rows.end(), [this](std::size_t a, std::size_t b) {
                return sequence_[a] < sequence_[b];
            });
            break;
        case Order::MostConfidentFirst:
            std::stable_sort(rows.begin(), rows.end(), byConfidence);
            break;
        case Order::LeastConfidentFirst:
            std::stable_sort(rows.begin(), rows.end(),
                             [&](std::size_t a, std::size_t b) { return byConfidence(b, a); });
            break;
    }
    std::vector<ImagePrediction> sorted;
    std::vector<int> sequence;
    sorted.reserve(rows.size());
    sequence.reserve(rows.size());
    for (std::size_t row : rows) {
        sorted.push_back(std::move(predictions_[row]));
        sequence.push_back(sequence_[row]);
    }
    predictions_ = std::move(sorted);
    sequence_ = std::move(sequence);
}

int PredictionListModel::rowOfPath(const QString& path) const {
    const std::string key = path.toStdString();
    for (std::size_t row = 0; row < predictions_.size(); ++row) {
        if (predictions_[row].path == key) {
            return static_cast<int>(row);
        }
    }
    return -1;
}

int PredictionListModel::currentLabel(const ImagePrediction& p) const {
    if (!project_) {
        return kNotInProject;
    }
    const int row = project_->rowOf(QString::fromStdString(p.path));
    return row < 0 ? kNotInProject : project_->image(row).label;
}

bool PredictionListModel::isCorrected(const ImagePrediction& p) const {
    if (!project_ || p.trueLabel < 0) {
        return false;
    }
    const int row = project_->rowOf(QString::fromStdString(p.path));
    if (row < 0) {
        return false;
    }
    const ProjectImage& image = project_->image(row);
    // Classes are compared by name: the model's list may differ from the project's now.
    const QString now = image.label >= 0 ? project_->classNames().value(image.label) : QString();
    return image.excluded || now != classNames_.value(p.trueLabel);
}

int PredictionListModel::correctedCount() const {
    return static_cast<int>(std::count_if(predictions_.begin(), predictions_.end(),
                                          [this](const auto& p) { return isCorrected(p); }));
}

int PredictionListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(predictions_.size());
}

QVariant PredictionListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const ImagePrediction& p = predictions_[static_cast<std::size_t>(index.row())];
    const QString path = QString::fromStdString(p.path);
    const QString predicted = classNames_.value(p.predictedLabel);
    switch (role) {
        case Qt::DisplayRole:
            return tr("%1 %2%").arg(predicted).arg(confidence(p) * 100, 0, 'f', 0);
        case Qt::DecorationRole:
            if (thumbnails_) {
                const QImage thumb = thumbnails_->thumbnail(path);
                if (!thumb.isNull()) {
                    return QPixmap::fromImage(thumb);
                }
            }
            return {};
        case Qt::ToolTipRole: {
            QString text = path;
            if (p.trueLabel >= 0) {
                text += tr("\nLabelled: %1").arg(classNames_.value(p.trueLabel));
            }
            if (isCorrected(p)) {
                const int now = currentLabel(p);
                text +=
                    project_->image(project_->rowOf(path)).excluded
                        ? tr("\nExcluded since")
                        : tr("\nCorrected since: now %1")
                              .arg(now >= 0 ? project_->classNames().value(now) : tr("Unlabeled"));
            }
            for (std::size_t c = 0; c < p.probabilities.size(); ++c) {
                text += tr("\n%1: %2%")
                            .arg(classNames_.value(static_cast<int>(c)))
                            .arg(p.probabilities[c] * 100, 0, 'f', 1);
            }
            return text;
        }
        case PathRole:
            return path;
        case TrueLabelRole:
            return p.trueLabel;
        case PredictedLabelRole:
            return p.predictedLabel;
        case ConfidenceRole:
            return confidence(p);
        case ProbabilitiesRole: {
            QVariantList list;
            for (double v : p.probabilities) {
                list.push_back(v);
            }
            return list;
        }
        case ClassNamesRole:
            return classNames_;
        case CurrentLabelRole:
            return currentLabel(p);
        case CorrectedRole:
            return isCorrected(p);
        case CurrentClassNameRole: {
            const int now = currentLabel(p);
            return now == kNotInProject ? QString()
                   : now >= 0           ? project_->classNames().value(now)
                                        : tr("Unlabeled");
        }
        case ExcludedRole: {
            const int row = project_ ? project_->rowOf(path) : -1;
            return row >= 0 && project_->image(row).excluded;
        }
        default:
            return {};
    }
}

}  // namespace tl
