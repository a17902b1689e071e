// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

// Builders for the hostile-input corpus, made at test time (no binary blobs in the
// repository): valid images in unusual forms and files that try to crash, hang or exhaust
// the program. Each returns the bytes or writes the file; failures abort the test.
namespace tl::test::hostile {

// A noisy colour photo of side x side pixels as a baseline JPEG (quality 90).
QByteArray jpeg(int side, int seed = 1);
// The same picture in PNG, 8-bit RGB.
QByteArray png(int side, int seed = 1);
// A BMP (24-bit).
QByteArray bmp(int side);
// 16-bit RGB PNG, palette (indexed) PNG.
QByteArray png16(int side);
QByteArray palettePng(int side);
// A 4-component (CMYK, Adobe) JPEG written with libjpeg.
QByteArray cmykJpeg(int side);
// A JPEG with an EXIF APP1 segment holding `orientation` (6 = rotate 90 clockwise to display).
QByteArray exifJpeg(int width, int height, int orientation);
// A JPEG cut after `fraction` of its bytes (the header survives).
QByteArray truncatedJpeg(double fraction);
// A valid small JPEG whose SOF claims width x height.
QByteArray jpegClaimingSize(int width, int height);
// A real decompression bomb: an 8-bit grey PNG of width x height pixels, all zero, deflated
// (30000 x 30000 compresses to under 1 MB and decodes to 2.7 GB as RGB).
QByteArray pngBomb(int width, int height);
// A still WebP (lossless) and an animated one made of two of its frames.
QByteArray webp(int side);
QByteArray animatedWebp(int side);
// A Keras weights-only .h5 whose one weight declares rows x cols float32 but stores nothing
// (HDF5 would hand out zeros for all of it): a few KB that ask for gigabytes.
void writeH5WithHugeEmptyWeight(const QString& path, int rows, int cols);
// Random bytes of a seeded generator.
QByteArray randomBytes(int size, std::uint32_t seed);

void write(const QString& path, const QByteArray& bytes);
// A sparse file of `size` bytes starting with `head` (a 4 GB ".jpg" costs no disk).
void writeSparse(const QString& path, const QByteArray& head, std::int64_t size);
// A named pipe; a listening Unix socket (returns its descriptor; close it when done).
void makeFifo(const QString& path);
int makeSocket(const QString& path);

}  // namespace tl::test::hostile
