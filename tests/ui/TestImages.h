// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QDir>
#include <QImage>
#include <QRandomGenerator>
#include <QString>

namespace tl::test {

// Writes `count` noisy images of one colour into dir/className: two colours make two
// trivially separable classes.
inline void writeColorImages(const QString& dir, const QString& className, QColor color, int count,
                             int side = 64) {
    QDir().mkpath(dir + "/" + className);
    QRandomGenerator rng(static_cast<quint32>(color.rgb()));
    for (int i = 0; i < count; ++i) {
        QImage image(side, side, QImage::Format_RGB32);
        for (int y = 0; y < side; ++y) {
            for (int x = 0; x < side; ++x) {
                const int n = rng.bounded(40) - 20;
                image.setPixelColor(
                    x, y,
                    QColor(qBound(0, color.red() + n, 255), qBound(0, color.green() + n, 255),
                           qBound(0, color.blue() + n, 255)));
            }
        }
        image.save(QString("%1/%2/%2_%3.png").arg(dir, className).arg(i, 3, 10, QChar('0')));
    }
}

}  // namespace tl::test
