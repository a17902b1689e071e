// SPDX-License-Identifier: MIT
#include "models/PredictionListModel.h"

#include <QFileInfo>
#include <QPixmap>

#include <algorithm>

#include "models/ThumbnailCache.h"

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
            const std::string key = path.toStdString();
            for (std::size_t row = 0; row < predictions_.size(); ++row) {
                if (predictions_[row].path == key) {
                    emit dataChanged(index(static_cast<int>(row)), index(static_cast<int>(row)),
                                     {Qt::DecorationRole});
                }
            }
        });
    }
}

void PredictionListModel::setPredictions(std::vector<ImagePrediction> predictions,
                                         bool sortByConfidence) {
    beginResetModel();
    predictions_ = std::move(predictions);
    if (sortByConfidence) {
        std::stable_sort(
            predictions_.begin(), predictions_.end(),
            [](const auto& a, const auto& b) { return confidence(a) > confidence(b); });
    }
    endResetModel();
}

void PredictionListModel::appendPredictions(const std::vector<ImagePrediction>& predictions) {
    if (predictions.empty()) {
        return;
    }
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(predictions.size()) - 1);
    predictions_.insert(predictions_.end(), predictions.begin(), predictions.end());
    endInsertRows();
}

void PredictionListModel::clear() {
    setPredictions({});
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
        default:
            return {};
    }
}

}  // namespace tl
