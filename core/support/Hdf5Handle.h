// SPDX-License-Identifier: MIT
#pragma once
// Small RAII helpers for the HDF5 C API. Include only from .cpp files: <hdf5.h> is not a
// dependency of the rest of the code.

#include <hdf5.h>

#include <mutex>
#include <string>
#include <utility>

namespace tl {

// Owns one hid_t and closes it with the matching H5?close function.
class Hdf5Handle {
public:
    using Closer = herr_t (*)(hid_t);

    Hdf5Handle() = default;
    Hdf5Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    ~Hdf5Handle() { reset(); }
    Hdf5Handle(Hdf5Handle&& other) noexcept
        : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
    Hdf5Handle& operator=(Hdf5Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
            closer_ = other.closer_;
        }
        return *this;
    }
    Hdf5Handle(const Hdf5Handle&) = delete;
    Hdf5Handle& operator=(const Hdf5Handle&) = delete;

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }
    explicit operator bool() const { return valid(); }

    void reset() {
        if (id_ >= 0 && closer_) {
            closer_(id_);
        }
        id_ = H5I_INVALID_HID;
    }

private:
    hid_t id_ = H5I_INVALID_HID;
    Closer closer_ = nullptr;
};

inline Hdf5Handle hdf5File(hid_t id) {
    return {id, H5Fclose};
}
inline Hdf5Handle hdf5Group(hid_t id) {
    return {id, H5Gclose};
}
inline Hdf5Handle hdf5Dataset(hid_t id) {
    return {id, H5Dclose};
}
inline Hdf5Handle hdf5Attribute(hid_t id) {
    return {id, H5Aclose};
}
inline Hdf5Handle hdf5Type(hid_t id) {
    return {id, H5Tclose};
}
inline Hdf5Handle hdf5Space(hid_t id) {
    return {id, H5Sclose};
}
inline Hdf5Handle hdf5PropertyList(hid_t id) {
    return {id, H5Pclose};
}

// Serialises HDF5 use and keeps the library from printing its error stack to stderr: our
// callers turn failures into ImportErrors with hdf5ErrorText() instead. The serial HDF5 most
// distributions ship is not thread-safe, and the error-printing switch is per thread in
// thread-safe builds, so both are done on every entry into the library.
class Hdf5Session {
public:
    Hdf5Session() : lock_(mutex()) { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

private:
    static std::recursive_mutex& mutex() {
        static std::recursive_mutex instance;
        return instance;
    }
    std::lock_guard<std::recursive_mutex> lock_;
};

// The innermost message of HDF5's current error stack ("truncated file: eof = ..."), which says
// more than the API function that failed; empty when the stack is empty.
inline std::string hdf5ErrorText() {
    std::string text;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_UPWARD,
        [](unsigned, const H5E_error2_t* error, void* data) -> herr_t {
            auto* out = static_cast<std::string*>(data);
            if (out->empty() && error->desc && *error->desc) {
                *out = error->desc;
            }
            return 0;
        },
        &text);
    return text;
}

}  // namespace tl
