// SPDX-License-Identifier: MIT
#include "openimages/OpenImagesClassCatalog.h"

#include <QFile>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

#include "support/StreamingCsvReader.h"

namespace tl {

namespace {

QString fieldText(std::string_view field) {
    return QString::fromUtf8(field.data(), qsizetype(field.size())).trimmed();
}

bool byName(const OpenImagesClass& a, const OpenImagesClass& b) {
    const int order = a.displayName.compare(b.displayName, Qt::CaseInsensitive);
    return order != 0 ? order < 0 : a.labelId < b.labelId;
}

}  // namespace

bool OpenImagesClassCatalog::load(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    if (!load(&file, error)) {
        if (error) {
            *error = path + QStringLiteral(": ") + *error;
        }
        return false;
    }
    return true;
}

bool OpenImagesClassCatalog::load(QIODevice* device, QString* error) {
    classes_.clear();
    byFoldedName_.clear();
    byLabelId_.clear();
    StreamingCsvReader reader(device, 64 * 1024);
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        if (fields.size() < 2) {
            continue;
        }
        OpenImagesClass entry{fieldText(fields[0]), fieldText(fields[1])};
        // The full class list has a "LabelName,DisplayName" header; the boxable one has none.
        if (reader.recordNumber() == 1 &&
            entry.labelId.compare(QLatin1String("LabelName"), Qt::CaseInsensitive) == 0) {
            continue;
        }
        if (entry.labelId.isEmpty() || entry.displayName.isEmpty() ||
            byLabelId_.contains(entry.labelId)) {
            continue;
        }
        byLabelId_.insert(entry.labelId, int(classes_.size()));
        byFoldedName_[entry.displayName.toCaseFolded()].append(int(classes_.size()));
        classes_.append(entry);
    }
    if (!reader.error().isEmpty() || classes_.isEmpty()) {
        if (error) {
            *error = reader.error().isEmpty() ? QStringLiteral("no classes found") : reader.error();
        }
        return false;
    }
    return true;
}

QList<OpenImagesClass> OpenImagesClassCatalog::find(const QString& nameOrId) const {
    const QString key = nameOrId.trimmed();
    QList<OpenImagesClass> found;
    if (const auto id = byLabelId_.constFind(key); id != byLabelId_.constEnd()) {
        found.append(classes_.at(*id));
        return found;
    }
    for (int index : byFoldedName_.value(key.toCaseFolded())) {
        found.append(classes_.at(index));
    }
    return found;
}

QList<OpenImagesClass> OpenImagesClassCatalog::search(const QString& pattern) const {
    const QString trimmed = pattern.trimmed();
    const bool wildcard = trimmed.contains('*') || trimmed.contains('?');
    const QRegularExpression regex =
        wildcard ? QRegularExpression::fromWildcard(trimmed, Qt::CaseInsensitive)
                 : QRegularExpression();
    QList<OpenImagesClass> matches;
    for (const OpenImagesClass& entry : classes_) {
        const bool match = wildcard ? regex.match(entry.displayName).hasMatch()
                                    : entry.displayName.contains(trimmed, Qt::CaseInsensitive);
        if (match) {
            matches.append(entry);
        }
    }
    std::sort(matches.begin(), matches.end(), byName);
    return matches;
}

QStringList OpenImagesClassCatalog::suggestions(const QString& name, int maxCount) const {
    const QString query = name.trimmed().toCaseFolded();
    if (query.isEmpty()) {
        return {};
    }
    // Short names tolerate fewer edits, or every 4-letter class would look like a typo.
    const int threshold = std::max(2, int(query.size()) / 3);
    struct Candidate {
        int score;
        QString name;
    };
    std::vector<Candidate> candidates;
    for (auto it = byFoldedName_.constBegin(); it != byFoldedName_.constEnd(); ++it) {
        const QString& folded = it.key();
        int score = editDistance(query, folded);
        // "giraf" is close to the start of "giraffe": count the missing tail as one edit.
        if (folded.size() > query.size()) {
            score = std::min(score, editDistance(query, folded.left(query.size())) + 1);
        }
        if (score <= threshold) {
            candidates.push_back({score, classes_.at(it.value().first()).displayName});
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.score != b.score ? a.score < b.score
                                  : a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    QStringList names;
    for (const Candidate& candidate : candidates) {
        if (names.size() >= maxCount) {
            break;
        }
        names.append(candidate.name);
    }
    return names;
}

int OpenImagesClassCatalog::editDistance(const QString& a, const QString& b) {
    const QString s = a.toCaseFolded();
    const QString t = b.toCaseFolded();
    const int n = int(s.size());
    const int m = int(t.size());
    // Optimal string alignment distance, three rolling rows.
    std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
    for (int j = 0; j <= m; ++j) {
        previous[j] = j;
    }
    for (int i = 1; i <= n; ++i) {
        current[0] = i;
        for (int j = 1; j <= m; ++j) {
            const int cost = s[i - 1] == t[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[m];
}

}  // namespace tl
