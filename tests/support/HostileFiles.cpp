// SPDX-License-Identifier: MIT
#include "HostileFiles.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QtEndian>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <hdf5.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <stdexcept>
#include <vector>

// clang-format off: jpeglib.h needs <cstdio> first
#include <jpeglib.h>
// clang-format on

#include "SyntheticImages.h"

namespace tl::test::hostile {

namespace {

[[noreturn]] void fail(const QString& what) {
    throw std::runtime_error(what.toStdString());
}

QByteArray encode(const char* extension, const cv::Mat& image,
                  const std::vector<int>& parameters = {}) {
    std::vector<unsigned char> bytes;
    if (!cv::imencode(extension, image, bytes, parameters)) {
        fail(QString("cannot encode %1").arg(extension));
    }
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

cv::Mat photo(int side, int seed) {
    cv::Mat rgb = colouredNoise(cv::Scalar(40, 140, 200), side, seed);
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

QByteArray bigEndian32(quint32 value) {
    QByteArray bytes(4, '\0');
    qToBigEndian(value, bytes.data());
    return bytes;
}

QByteArray littleEndian(quint32 value, int size) {
    QByteArray bytes;
    for (int i = 0; i < size; ++i) {
        bytes += char((value >> (8 * i)) & 0xFF);
    }
    return bytes;
}

QByteArray pngChunk(const char* type, const QByteArray& data) {
    QByteArray typed = QByteArray(type, 4) + data;
    const uLong crc =
        crc32(0, reinterpret_cast<const Bytef*>(typed.constData()), uInt(typed.size()));
    return bigEndian32(quint32(data.size())) + typed + bigEndian32(quint32(crc));
}

QByteArray riffChunk(const char* type, const QByteArray& data) {
    QByteArray chunk = QByteArray(type, 4) + littleEndian(quint32(data.size()), 4) + data;
    if (data.size() % 2) {
        chunk += '\0';
    }
    return chunk;
}

// The first chunk of a still WebP (its image data), after "RIFF" size "WEBP".
QByteArray firstWebpChunk(const QByteArray& webp) {
    const quint32 size = qFromLittleEndian<quint32>(webp.constData() + 16);
    return webp.mid(12, 8 + qsizetype(size) + (size % 2));
}

}  // namespace

QByteArray jpeg(int side, int seed) {
    return encode(".jpg", photo(side, seed), {cv::IMWRITE_JPEG_QUALITY, 90});
}

QByteArray png(int side, int seed) {
    return encode(".png", photo(side, seed));
}

QByteArray bmp(int side) {
    return encode(".bmp", photo(side, 2));
}

QByteArray png16(int side) {
    cv::Mat wide;
    photo(side, 3).convertTo(wide, CV_16UC3, 257.0);
    return encode(".png", wide);
}

QByteArray palettePng(int side) {
    QImage image(side, side, QImage::Format_Indexed8);
    image.setColorTable({qRgb(200, 40, 40), qRgb(40, 200, 40), qRgb(40, 40, 200)});
    for (int y = 0; y < side; ++y) {
        for (int x = 0; x < side; ++x) {
            image.setPixel(x, y, uint((x / 4 + y / 4) % 3));
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        fail("cannot write a palette PNG");
    }
    return bytes;
}

QByteArray cmykJpeg(int side) {
    jpeg_compress_struct info{};
    jpeg_error_mgr error{};
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    unsigned char* out = nullptr;
    unsigned long outSize = 0;
    jpeg_mem_dest(&info, &out, &outSize);
    info.image_width = JDIMENSION(side);
    info.image_height = JDIMENSION(side);
    info.input_components = 4;
    info.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 90, TRUE);
    jpeg_start_compress(&info, TRUE);
    std::vector<JSAMPLE> row(std::size_t(side) * 4);
    while (info.next_scanline < info.image_height) {
        for (int x = 0; x < side; ++x) {
            row[std::size_t(x) * 4 + 0] = JSAMPLE(x * 255 / side);  // Adobe CMYK is inverted
            row[std::size_t(x) * 4 + 1] = JSAMPLE(info.next_scanline * 255 / JDIMENSION(side));
            row[std::size_t(x) * 4 + 2] = 128;
            row[std::size_t(x) * 4 + 3] = 200;
        }
        JSAMPROW rows[1] = {row.data()};
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    QByteArray bytes(reinterpret_cast<const char*>(out), qsizetype(outSize));
    std::free(out);
    return bytes;
}

QByteArray exifJpeg(int width, int height, int orientation) {
    cv::Mat image = photo(std::max(width, height), 5)(cv::Rect(0, 0, width, height)).clone();
    cv::rectangle(image, {0, 0}, {width / 4, height / 4}, cv::Scalar(0, 0, 255), -1);
    const QByteArray plain = encode(".jpg", image, {cv::IMWRITE_JPEG_QUALITY, 95});
    // TIFF (little endian): header, one IFD entry Orientation (0x0112, SHORT, 1 value).
    QByteArray tiff = QByteArray("II*\0", 4) + littleEndian(8, 4) + littleEndian(1, 2) +
                      littleEndian(0x0112, 2) + littleEndian(3, 2) + littleEndian(1, 4) +
                      littleEndian(quint32(orientation), 2) + littleEndian(0, 2) +
                      littleEndian(0, 4);
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1", 2);
    segment += char((payload.size() + 2) >> 8);
    segment += char((payload.size() + 2) & 0xFF);
    segment += payload;
    return plain.left(2) + segment + plain.mid(2);
}

QByteArray truncatedJpeg(double fraction) {
    const QByteArray whole = jpeg(256, 7);
    return whole.left(qsizetype(whole.size() * fraction));
}

QByteArray jpegClaimingSize(int width, int height) {
    QByteArray bytes = jpeg(64, 9);
    for (qsizetype i = 2; i + 9 < bytes.size(); ++i) {
        const auto marker = static_cast<unsigned char>(bytes[i + 1]);
        if (static_cast<unsigned char>(bytes[i]) == 0xFF && (marker == 0xC0 || marker == 0xC2)) {
            bytes[i + 5] = char(height >> 8);
            bytes[i + 6] = char(height & 0xFF);
            bytes[i + 7] = char(width >> 8);
            bytes[i + 8] = char(width & 0xFF);
            return bytes;
        }
    }
    fail("no SOF marker in the encoded JPEG");
}

namespace {

// Deflate's bit order: header fields LSB first, Huffman codes MSB first (RFC 1951, 3.1.1).
class BitWriter {
public:
    void bits(quint32 value, int count) {
        for (int i = 0; i < count; ++i) {
            bit((value >> i) & 1);
        }
    }
    void code(quint32 value, int length) {
        for (int i = length - 1; i >= 0; --i) {
            bit((value >> i) & 1);
        }
    }
    void zeros(qint64 count) {  // fast: whole zero bytes once aligned
        while (count > 0 && used_ % 8 != 0) {
            bit(0);
            --count;
        }
        bytes_.append(qsizetype(count / 8), '\0');
        used_ += count / 8 * 8;
        for (qint64 i = 0; i < count % 8; ++i) {
            bit(0);
        }
    }
    QByteArray take() { return bytes_; }

private:
    void bit(quint32 value) {
        if (used_ % 8 == 0) {
            bytes_.append('\0');
        }
        if (value) {
            bytes_[bytes_.size() - 1] = char(bytes_.back() | (1 << (used_ % 8)));
        }
        ++used_;
    }
    QByteArray bytes_;
    qint64 used_ = 0;
};

// A zlib stream of `count` zero bytes, written directly: one dynamic-Huffman block whose
// literal/length code has only "0" (2 bits), end-of-block (2 bits) and the 258-byte match (1
// bit) and whose distance code only distance 1 (1 bit), so each 258 zero bytes cost 2 bits,
// what zlib's best compression reaches (about 1:1000) without minutes of deflating.
QByteArray zerosDeflated(qint64 count) {
    BitWriter out;
    out.bits(1, 1);   // BFINAL
    out.bits(2, 2);   // BTYPE: dynamic Huffman
    out.bits(29, 5);  // HLIT: 286 literal/length codes
    out.bits(0, 5);   // HDIST: 1 distance code
    out.bits(14, 4);  // HCLEN: 18 code length codes
    // Code length code lengths in RFC order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1:
    // symbol 18 (a run of zeros) 1 bit, symbols 1 and 2 two bits.
    const int order[18] = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2};
    for (const int length : order) {
        out.bits(quint32(length), 3);
    }
    // Canonical codes: 18 -> 0, 1 -> 10, 2 -> 11.
    const auto length1 = [&] { out.code(2, 2); };
    const auto length2 = [&] { out.code(3, 2); };
    const auto zeroRun = [&](int run) {  // 11..138 zeros
        out.code(0, 1);
        out.bits(quint32(run - 11), 7);
    };
    length2();     // literal 0: 2 bits
    zeroRun(138);  // literals 1..255: unused
    zeroRun(117);
    length2();    // end of block: 2 bits
    zeroRun(28);  // lengths 257..284: unused
    length1();    // length 258: 1 bit
    length1();    // distance 1: 1 bit
    // Literal/length codes: 285 -> 0, literal 0 -> 10, end of block -> 11; distance -> 0.
    out.code(2, 2);  // the first zero, as a literal
    const qint64 matches = (count - 1) / 258;
    out.zeros(matches * 2);  // each match: length 258 (0) + distance 1 (0)
    for (qint64 i = 0; i < (count - 1) % 258; ++i) {
        out.code(2, 2);
    }
    out.code(3, 2);                                            // end of block
    const quint32 adler = (quint32(count % 65521) << 16) | 1;  // Adler-32 of zeros
    return QByteArray("\x78\x9C", 2) + out.take() + bigEndian32(adler);
}

}  // namespace

QByteArray pngBomb(int width, int height) {
    QByteArray header = bigEndian32(quint32(width)) + bigEndian32(quint32(height));
    header += QByteArray("\x08\x00\x00\x00\x00", 5);  // 8-bit grey, deflate, no interlace
    // Every row is a filter byte (0, none) and `width` black pixels: all zero bytes.
    const QByteArray compressed = zerosDeflated(qint64(height) * (qint64(width) + 1));
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", header) +
           pngChunk("IDAT", compressed) + pngChunk("IEND", {});
}

QByteArray webp(int side) {
    return encode(".webp", photo(side, 11), {cv::IMWRITE_WEBP_QUALITY, 101});  // lossless
}

QByteArray animatedWebp(int side) {
    const QByteArray frame = firstWebpChunk(webp(side));
    const QByteArray canvas =
        littleEndian(quint32(side - 1), 3) + littleEndian(quint32(side - 1), 3);
    const QByteArray vp8x = QByteArray("\x02\0\0\0", 4) + canvas;  // animation flag
    const QByteArray anim = littleEndian(0xFFFFFFFF, 4) + littleEndian(0, 2);
    QByteArray frames;
    for (int i = 0; i < 2; ++i) {
        // x, y (in units of 2 px), size - 1, duration in ms, flags; then the frame's data.
        frames += riffChunk("ANMF", littleEndian(0, 3) + littleEndian(0, 3) + canvas +
                                        littleEndian(100, 3) + QByteArray(1, '\0') + frame);
    }
    const QByteArray body =
        QByteArray("WEBP") + riffChunk("VP8X", vp8x) + riffChunk("ANIM", anim) + frames;
    return QByteArray("RIFF") + littleEndian(quint32(body.size()), 4) + body;
}

void writeH5WithHugeEmptyWeight(const QString& path, int rows, int cols) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    const hid_t file =
        H5Fcreate(QFile::encodeName(path).constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    auto stringAttribute = [](hid_t object, const char* name, const char* value) {
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, std::strlen(value));
        const hsize_t one = 1;
        const hid_t space = H5Screate_simple(1, &one, nullptr);
        const hid_t attribute = H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        H5Awrite(attribute, type, value);
        H5Aclose(attribute);
        H5Sclose(space);
        H5Tclose(type);
    };
    stringAttribute(file, "layer_names", "dense");
    const hid_t group = H5Gcreate2(file, "dense", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    stringAttribute(group, "weight_names", "dense/kernel:0");
    const hid_t inner = H5Gcreate2(group, "dense", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const hsize_t dims[2] = {hsize_t(rows), hsize_t(cols)};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t properties = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_alloc_time(properties, H5D_ALLOC_TIME_LATE);
    const hid_t data =
        H5Dcreate2(inner, "kernel:0", H5T_IEEE_F32LE, space, H5P_DEFAULT, properties, H5P_DEFAULT);
    if (data < 0) {
        fail("cannot create the dataset in " + path);
    }
    H5Dclose(data);
    H5Pclose(properties);
    H5Sclose(space);
    H5Gclose(inner);
    H5Gclose(group);
    H5Fclose(file);
}

QByteArray randomBytes(int size, std::uint32_t seed) {
    std::mt19937 generator(seed);
    QByteArray bytes(size, '\0');
    for (char& byte : bytes) {
        byte = char(generator() & 0xFF);
    }
    return bytes;
}

void write(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        fail("cannot write " + path);
    }
}

void writeSparse(const QString& path, const QByteArray& head, std::int64_t size) {
    write(path, head);
    if (truncate(QFile::encodeName(path).constData(), off_t(size)) != 0) {
        fail("cannot extend " + path);
    }
}

void makeFifo(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (mkfifo(QFile::encodeName(path).constData(), 0644) != 0) {
        fail("mkfifo failed for " + path);
    }
}

int makeSocket(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray name = QFile::encodeName(path);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (std::size_t(name.size()) >= sizeof(address.sun_path)) {
        fail("socket path too long: " + path);
    }
    std::memcpy(address.sun_path, name.constData(), std::size_t(name.size()));
    const int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(fd, 1) != 0) {
        fail("cannot create a socket at " + path);
    }
    return fd;
}

}  // namespace tl::test::hostile
