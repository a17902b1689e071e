// Build-time helper (not installed): renders the application SVG icon to PNG files of the
// given sizes, and optionally a Windows .ico, with Qt SVG, so no ImageMagick/rsvg is needed.
//   transferlab-render-icon ICON.svg OUT_DIR SIZE... [--ico FILE.ico] [--iconset DIR]
// OUT_DIR/<size>.png for each size; --iconset writes macOS iconutil names (icon_16x16.png ...).
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

namespace {

QImage render(QSvgRenderer& svg, int size) {
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    return image;
}

bool save(const QImage& image, const QString& path, const char* format) {
    if (!image.save(path, format)) {
        std::fprintf(stderr, "transferlab-render-icon: cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.size() < 3) {
        std::fprintf(stderr,
                     "usage: transferlab-render-icon ICON.svg OUT_DIR SIZE... "
                     "[--ico FILE] [--iconset DIR]\n");
        return 2;
    }
    QSvgRenderer svg(args.takeFirst());
    if (!svg.isValid()) {
        std::fprintf(stderr, "transferlab-render-icon: not a valid SVG\n");
        return 1;
    }
    const QString outDir = args.takeFirst();
    QString ico, iconset;
    QList<int> sizes;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == "--ico" && i + 1 < args.size()) {
            ico = args[++i];
        } else if (args[i] == "--iconset" && i + 1 < args.size()) {
            iconset = args[++i];
        } else {
            sizes.push_back(args[i].toInt());
        }
    }
    QDir().mkpath(outDir);
    for (int size : sizes) {
        if (size <= 0 || !save(render(svg, size),
                               QDir(outDir).filePath(QString::number(size) + ".png"), "PNG")) {
            return 1;
        }
    }
    if (!ico.isEmpty() && !save(render(svg, 256), ico, "ICO")) {
        return 1;
    }
    if (!iconset.isEmpty()) {
        QDir().mkpath(iconset);
        for (int size : {16, 32, 128, 256, 512}) {
            const QString base = QDir(iconset).filePath("icon_%1x%1").arg(size);
            if (!save(render(svg, size), base + ".png", "PNG") ||
                !save(render(svg, 2 * size), base + "@2x.png", "PNG")) {
                return 1;
            }
        }
    }
    return 0;
}
