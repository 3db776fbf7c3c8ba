// Status: the one result type of Stancegraph (after LevelDB's Status).
//
// A Status is either ok() or carries a code and a message. Bad user input is a
// Status, never an assertion. Cheap on success: no allocation.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace sg {

class [[nodiscard]] Status {
 public:
  enum class Code : int {
    kOk = 0,
    kInvalidInput = 1,  // malformed article, JSON line, query: the user's to fix
    kNotFound = 2,
    kIOError = 3,       // disk, permissions, RocksDB I/O
    kCorruption = 4,    // stored bytes that do not decode
    kBusy = 5,          // the database is locked by another writer
    kUnsupported = 6,   // e.g. a newer on-disk schema version
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status InvalidInput(std::string_view msg) { return Status(Code::kInvalidInput, msg); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status Busy(std::string_view msg) { return Status(Code::kBusy, msg); }
  static Status Unsupported(std::string_view msg) { return Status(Code::kUnsupported, msg); }

  bool ok() const { return rep_ == nullptr; }
  Code code() const { return rep_ ? rep_->code : Code::kOk; }
  bool IsInvalidInput() const { return code() == Code::kInvalidInput; }
  bool IsNotFound() const { return code() == Code::kNotFound; }
  bool IsBusy() const { return code() == Code::kBusy; }
  const std::string& message() const;
  std::string ToString() const;

  // Makes a deliberate ignore visible and greppable (after RocksDB).
  void PermitUncheckedError() const {}

 private:
  struct Rep {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg)
      : rep_(std::make_shared<const Rep>(Rep{code, std::string(msg)})) {}
  // shared_ptr: Status is copied freely; the rep is immutable, so sharing is safe.
  std::shared_ptr<const Rep> rep_;
};

// Returns early with the status when it is not ok.
#define SG_RETURN_IF_ERROR(expr)        \
  do {                                  \
    ::sg::Status _sg_status = (expr);   \
    if (!_sg_status.ok()) return _sg_status; \
  } while (0)

}  // namespace sg
