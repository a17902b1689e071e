// SPDX-License-Identifier: MIT
// Writes the binary part of the fuzz seed corpus at build/test time (the committed seeds are
// text): small images of every accepted format and a few damaged ones for fuzz_image_header.
//   fuzz_seed_writer OUT_DIR
#include <QDir>

#include <cstdio>

#include "HostileFiles.h"

using namespace tl::test;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seed_writer OUT_DIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]) + "/image_header";
    QDir(out).removeRecursively();
    QDir().mkpath(out);
    const QByteArray whole = hostile::jpeg(24, 3);
    hostile::write(out + "/jpeg", whole);
    hostile::write(out + "/jpeg-truncated", whole.left(whole.size() / 2));
    hostile::write(out + "/jpeg-cmyk", hostile::cmykJpeg(16));
    hostile::write(out + "/jpeg-exif", hostile::exifJpeg(16, 8, 6));
    hostile::write(out + "/jpeg-huge-claim", hostile::jpegClaimingSize(60000, 60000));
    hostile::write(out + "/png", hostile::png(12));
    hostile::write(out + "/png-16bit", hostile::png16(8));
    hostile::write(out + "/png-palette", hostile::palettePng(8));
    hostile::write(out + "/png-bomb", hostile::pngBomb(3000, 3000));
    hostile::write(out + "/bmp", hostile::bmp(6));
    hostile::write(out + "/webp", hostile::webp(12));
    hostile::write(out + "/webp-animated", hostile::animatedWebp(12));
    std::printf("seeds written to %s\n", qPrintable(out));
    return 0;
}
