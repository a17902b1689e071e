// SPDX-License-Identifier: MIT
#include "support/JsonFields.h"

#include <cmath>
#include <utility>

namespace tl {

namespace {

std::string range(int64_t min, int64_t max) {
    return "from " + std::to_string(min) + " to " + std::to_string(max);
}

std::string numberText(double value) {
    QString text = QString::number(value, 'g', 10);
    return text.toStdString();
}

}  // namespace

JsonFields::JsonFields(QJsonObject object, std::filesystem::path file, std::string prefix,
                       ErrorKind kind)
    : object_(std::move(object)), file_(std::move(file)), prefix_(std::move(prefix)), kind_(kind) {}

std::string JsonFields::fieldName(const std::string& field) const {
    return prefix_.empty() ? field : prefix_ + "." + field;
}

void JsonFields::fail(const std::string& field, const std::string& problem) const {
    throw Error(kind_, "'" + file_.u8string() + "': field '" + fieldName(field) + "' " + problem,
                file_);
}

std::string JsonFields::describe(const QJsonValue& value) {
    switch (value.type()) {
        case QJsonValue::Null:
            return "null";
        case QJsonValue::Bool:
            return value.toBool() ? "true" : "false";
        case QJsonValue::Double:
            return numberText(value.toDouble());
        case QJsonValue::String: {
            std::string text = value.toString().left(40).toStdString();
            return "the text \"" + text + (value.toString().size() > 40 ? "...\"" : "\"");
        }
        case QJsonValue::Array:
            return "a list";
        case QJsonValue::Object:
            return "an object";
        case QJsonValue::Undefined:
            break;
    }
    return "missing";
}

bool JsonFields::isInteger(const QJsonValue& value, int64_t min, int64_t max) {
    if (!value.isDouble()) {
        return false;
    }
    const double number = value.toDouble();
    return std::isfinite(number) && std::floor(number) == number &&
           number >= static_cast<double>(min) && number <= static_cast<double>(max);
}

QJsonValue JsonFields::required(const char* field) const {
    const QJsonValue value = object_.value(QLatin1String(field));
    if (value.isUndefined()) {
        fail(field, "is missing");
    }
    return value;
}

std::string JsonFields::string(const char* field) const {
    const QJsonValue value = required(field);
    if (!value.isString()) {
        fail(field, "must be text, not " + describe(value));
    }
    return value.toString().toStdString();
}

std::string JsonFields::string(const char* field, const std::string& fallback) const {
    return has(field) ? string(field) : fallback;
}

int64_t JsonFields::integer(const char* field, int64_t min, int64_t max) const {
    const QJsonValue value = required(field);
    if (!isInteger(value, min, max)) {
        fail(field, "must be an integer " + range(min, max) + ", not " + describe(value));
    }
    return static_cast<int64_t>(value.toDouble());
}

int64_t JsonFields::integer(const char* field, int64_t min, int64_t max, int64_t fallback) const {
    return has(field) ? integer(field, min, max) : fallback;
}

double JsonFields::number(const char* field, double min, double max) const {
    const QJsonValue value = required(field);
    const double number = value.toDouble();
    if (!value.isDouble() || !std::isfinite(number) || number < min || number > max) {
        fail(field, "must be a number from " + numberText(min) + " to " + numberText(max) +
                        ", not " + describe(value));
    }
    return number;
}

double JsonFields::number(const char* field, double min, double max, double fallback) const {
    return has(field) ? number(field, min, max) : fallback;
}

bool JsonFields::boolean(const char* field) const {
    const QJsonValue value = required(field);
    if (!value.isBool()) {
        fail(field, "must be true or false, not " + describe(value));
    }
    return value.toBool();
}

bool JsonFields::boolean(const char* field, bool fallback) const {
    return has(field) ? boolean(field) : fallback;
}

QJsonArray JsonFields::array(const char* field) const {
    const QJsonValue value = required(field);
    if (!value.isArray()) {
        fail(field, "must be a list, not " + describe(value));
    }
    return value.toArray();
}

QJsonArray JsonFields::array(const char* field, const QJsonArray& fallback) const {
    return has(field) ? array(field) : fallback;
}

JsonFields JsonFields::object(const char* field) const {
    const QJsonValue value = required(field);
    if (!value.isObject()) {
        fail(field, "must be an object, not " + describe(value));
    }
    return JsonFields(value.toObject(), file_, fieldName(field), kind_);
}

JsonFields JsonFields::object(const char* field, const QJsonObject& fallback) const {
    return has(field) ? object(field) : JsonFields(fallback, file_, fieldName(field), kind_);
}

std::vector<std::string> JsonFields::stringList(const char* field) const {
    std::vector<std::string> strings;
    const QJsonArray values = array(field);
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (!values.at(i).isString()) {
            fail(std::string(field) + "[" + std::to_string(i) + "]",
                 "must be text, not " + describe(values.at(i)));
        }
        strings.push_back(values.at(i).toString().toStdString());
    }
    return strings;
}

}  // namespace tl
