#pragma once
// Expected failures (missing asset, corrupt file, no device) travel as a Result: a value or an
// Error whose message names the file and the cause. No exceptions cross module boundaries.
#include <string>
#include <utility>
#include <variant>

namespace xrs {

struct Error {
    std::string message;
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool failed_ = false;
};

using Status = Result<void>;

// Builds an Error from string pieces: fail("scene.glb: ", "no meshes").
template <class... Parts>
Error fail(Parts&&... parts) {
    std::string message;
    (message += ... += std::string(std::forward<Parts>(parts)));
    return Error{std::move(message)};
}

} // namespace xrs
