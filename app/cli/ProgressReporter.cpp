// SPDX-License-Identifier: MIT
#include "ProgressReporter.h"

#include <QRegularExpression>
#include <QtGlobal>

#include <algorithm>
#include <cmath>

#include "jobs/Job.h"

#if defined(_WIN32)
#include <io.h>
#define TL_ISATTY _isatty
#define TL_FILENO _fileno
#else
#include <sys/ioctl.h>
#include <unistd.h>
#define TL_ISATTY isatty
#define TL_FILENO fileno
#endif

namespace cli {

namespace {

constexpr int kRedrawMilliseconds = 100;
constexpr int kBarCells = 24;

int terminalColumns(std::FILE* stream) {
#if defined(TIOCGWINSZ)
    winsize size{};
    if (ioctl(TL_FILENO(stream), TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) {
        return size.ws_col;
    }
#else
    Q_UNUSED(stream);
#endif
    return 80;
}

QString formatRate(double perSecond) {
    return QString::number(perSecond, 'f', perSecond < 10 ? 1 : 0);
}

}  // namespace

ProgressReporter::ProgressReporter(Style style, std::FILE* stream, double showAfterSeconds)
    : style_(style == Style::Auto ? styleFor(stream) : style),
      stream_(stream),
      showAfter_(showAfterSeconds) {}

ProgressReporter::~ProgressReporter() {
    finish();
}

ProgressReporter::Style ProgressReporter::styleFor(std::FILE* stream) {
    // TRANSFERLAB_PROGRESS=bar|lines|off overrides the guess (scripts, tests, CI logs).
    const QByteArray forced = qgetenv("TRANSFERLAB_PROGRESS").toLower();
    if (forced == "bar") {
        return Style::Bar;
    }
    if (forced == "lines") {
        return Style::Lines;
    }
    if (forced == "off") {
        return Style::Off;
    }
    const bool terminal = TL_ISATTY(TL_FILENO(stream)) != 0 && qgetenv("TERM") != "dumb";
    return terminal ? Style::Bar : Style::Lines;
}

QString ProgressReporter::formatDuration(double seconds) {
    const qint64 total = std::max<qint64>(0, std::llround(seconds));
    if (total < 60) {
        return QString("%1 s").arg(total);
    }
    const qint64 hours = total / 3600, minutes = total / 60 % 60, rest = total % 60;
    const QString mmss = QString("%1:%2").arg(minutes).arg(rest, 2, 10, QChar('0'));
    return hours > 0 ? QString("%1:%2").arg(hours).arg(mmss.rightJustified(5, '0')) : mmss;
}

ProgressReporter::Count ProgressReporter::parseCount(const QString& detail) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d+) of (\\d+)\\s*(.*)$"));
    const auto match = pattern.match(detail.trimmed());
    Count count;
    if (match.hasMatch()) {
        count.valid = true;
        count.done = match.captured(1).toDouble();
        count.total = match.captured(2).toDouble();
        count.unit = match.captured(3);
    }
    return count;
}

void ProgressReporter::watch(tl::Job& job) {
    QObject::connect(&job, &tl::Job::phaseChanged,
                     [this](const QString&, const QString& text) { phase(text); });
    QObject::connect(
        &job, &tl::Job::progressChanged,
        [this](double fraction, const QString& detail) { progress(fraction, detail); });
    QObject::connect(&job, &tl::Job::logMessage, [this](const QString&) { clearLine(); });
    QObject::connect(&job, &tl::Job::finished, [this](bool, const QString&) { finish(); });
}

void ProgressReporter::phase(const QString& text) {
    finish();
    phase_ = text;
    phaseStart_ = Clock::now();
    lastDraw_ = {};
    fraction_ = 0;
    detail_.clear();
    count_ = {};
    shown_ = false;
    lastDecile_ = 0;
}

double ProgressReporter::elapsedSeconds() const {
    return std::chrono::duration<double>(Clock::now() - phaseStart_).count();
}

void ProgressReporter::progress(double fraction, const QString& detail) {
    if (style_ == Style::Off || phase_.isEmpty()) {
        return;
    }
    fraction_ = std::clamp(fraction, 0.0, 1.0);
    detail_ = detail;
    count_ = parseCount(detail);
    if (elapsedSeconds() < showAfter_) {
        return;
    }
    if (style_ == Style::Bar) {
        const auto now = Clock::now();
        if (now - lastDraw_ >= std::chrono::milliseconds(kRedrawMilliseconds)) {
            lastDraw_ = now;
            draw(false);
        }
        return;
    }
    const int decile = static_cast<int>(std::floor(fraction_ * 10 + 1e-9));
    if (decile > lastDecile_ && decile < 10) {
        lastDecile_ = decile;
        draw(false);
    }
}

std::function<void(size_t, size_t)> ProgressReporter::counter(const QString& unit) {
    return [this, unit](size_t done, size_t total) {
        progress(total > 0 ? double(done) / double(total) : 1.0,
                 QString("%1 of %2 %3").arg(done).arg(total).arg(unit));
    };
}

void ProgressReporter::finish() {
    // A phase that reported no progress but took a while still says how long it took.
    if (!phase_.isEmpty() && (shown_ || elapsedSeconds() >= showAfter_)) {
        draw(true);
    }
    shown_ = false;
    phase_.clear();
}

void ProgressReporter::clearLine() {
    if (barOnLine_) {
        write(QStringLiteral("\r\033[K"));
        barOnLine_ = false;
    }
}

QString ProgressReporter::describe(bool final) const {
    const double elapsed = elapsedSeconds();
    const double rate = count_.valid && elapsed > 0 ? count_.done / elapsed : 0;
    const QString unit = count_.unit.isEmpty() ? QStringLiteral("items") : count_.unit;
    if (final) {
        QString text = phase_ + ": ";
        if (count_.valid) {
            text += QString("%1 %2 in %3 s (%4 %2/s)")
                        .arg(count_.done)
                        .arg(unit)
                        .arg(elapsed, 0, 'f', 1)
                        .arg(formatRate(rate));
        } else {
            text += QString("done in %1 s").arg(elapsed, 0, 'f', 1);
        }
        return text;
    }
    const double left = fraction_ > 0 ? elapsed * (1 - fraction_) / fraction_ : 0;
    const QString percent = QString("%1%").arg(std::floor(fraction_ * 100), 3, 'f', 0);
    QString what;
    if (count_.valid) {
        what = style_ == Style::Bar ? QString("%1/%2 %3, %4/s")
                                          .arg(count_.done)
                                          .arg(count_.total)
                                          .arg(unit)
                                          .arg(formatRate(rate))
                                    : QString("%1 of %2 %3, %4 %3/s")
                                          .arg(count_.done)
                                          .arg(count_.total)
                                          .arg(unit)
                                          .arg(formatRate(rate));
    } else {
        what = detail_;
    }
    const QString timeLeft = fraction_ > 0 ? formatDuration(left) + " left" : QString();
    QStringList parts;
    for (const QString& part : {what, timeLeft}) {
        if (!part.isEmpty()) {
            parts << part;
        }
    }
    if (style_ == Style::Bar) {
        const int filled = static_cast<int>(std::lround(fraction_ * kBarCells));
        const QString bar = QString(filled, QChar('#')) + QString(kBarCells - filled, QChar('.'));
        return QString("%1 [%2] %3  %4").arg(phase_, bar, percent, parts.join("  "));
    }
    return QString("%1: %2 (%3)").arg(phase_, percent.trimmed(), parts.join(", "));
}

void ProgressReporter::draw(bool final) {
    if (style_ == Style::Off) {
        return;
    }
    shown_ = true;
    QString text = describe(final);
    if (style_ == Style::Bar) {
        const int columns = terminalColumns(stream_) - 1;
        if (text.size() > columns) {
            text.truncate(columns);
        }
        write("\r\033[K" + text + (final ? QStringLiteral("\n") : QString()));
        barOnLine_ = !final;
        return;
    }
    write(text + "\n");
}

void ProgressReporter::write(const QString& text) {
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream_);
    std::fflush(stream_);
}

}  // namespace cli
