// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/Errors.h"

namespace tl {

// Typed, range-checked access to the fields of a JSON object read from a file, for loaders
// that must not trust what they read (model.json, project files, TF.js manifests). Every
// failure is one Error naming the file and the field ("'m/model.json': field 'head.classes'
// must be an integer from 2 to 10000, not "3"").
//
//   JsonFields json(object, path);
//   const int64_t units = json.integer("units", 1, 65536);
//   const JsonFields head = json.object("head");     // fields named "head.<name>"
class JsonFields {
public:
    JsonFields(QJsonObject object, std::filesystem::path file, std::string prefix = {},
               ErrorKind kind = ErrorKind::CorruptFile);

    const QJsonObject& json() const { return object_; }
    bool has(const char* field) const { return object_.contains(QLatin1String(field)); }
    // "head.classes" for field "classes" of the object read as "head".
    std::string fieldName(const std::string& field) const;

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const;

    std::string string(const char* field) const;
    std::string string(const char* field, const std::string& fallback) const;
    int64_t integer(const char* field, int64_t min, int64_t max) const;
    int64_t integer(const char* field, int64_t min, int64_t max, int64_t fallback) const;
    double number(const char* field, double min, double max) const;
    double number(const char* field, double min, double max, double fallback) const;
    bool boolean(const char* field) const;
    bool boolean(const char* field, bool fallback) const;
    QJsonArray array(const char* field) const;
    QJsonArray array(const char* field, const QJsonArray& fallback) const;
    JsonFields object(const char* field) const;
    JsonFields object(const char* field, const QJsonObject& fallback) const;
    std::vector<std::string> stringList(const char* field) const;

    // One element of an array field, checked the same way ("classes[2]").
    static std::string describe(const QJsonValue& value);
    static bool isInteger(const QJsonValue& value, int64_t min, int64_t max);

private:
    QJsonValue required(const char* field) const;

    QJsonObject object_;
    std::filesystem::path file_;
    std::string prefix_;
    ErrorKind kind_;
};

}  // namespace tl
