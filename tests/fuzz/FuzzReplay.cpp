// SPDX-License-Identifier: MIT
// Runs a fuzz target over files without libFuzzer: each argument is an input file or a folder
// of them (sorted, not recursive). What the clang build does with `-runs=0 CORPUS...`, for
// compilers without libFuzzer; CTest uses it to replay the corpus and crash reproducers.
// --expect-parsed fails the run unless at least one input was valid all the way through.
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

#include "FuzzSupport.h"

int main(int argc, char** argv) {
    int inputs = 0;
    bool expectParsed = false;
    for (int i = 1; i < argc; ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        if (argument == "--expect-parsed") {
            expectParsed = true;
            continue;
        }
        if (argument.startsWith('-')) {
            continue;  // libFuzzer options such as -runs=0
        }
        QStringList files;
        if (QFileInfo(argument).isDir()) {
            for (const QString& name : QDir(argument).entryList(QDir::Files, QDir::Name)) {
                files << QDir(argument).filePath(name);
            }
        } else {
            files << argument;
        }
        for (const QString& path : files) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
                return 1;
            }
            const QByteArray bytes = file.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                   std::size_t(bytes.size()));
            ++inputs;
        }
    }
    const int parsed = tl::fuzz::parsedInputs();
    std::printf("replayed %d inputs, %d valid all the way through\n", inputs, parsed);
    if (expectParsed && parsed == 0) {
        std::fprintf(stderr,
                     "no input of the corpus was valid: the seeds do not reach the "
                     "target's deep code\n");
        return 1;
    }
    return inputs > 0 ? 0 : 1;
}
