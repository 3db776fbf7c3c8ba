#include "graph/status.h"

namespace sg {

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  const char* prefix = "";
  switch (rep_->code) {
    case Code::kOk: break;
    case Code::kInvalidInput: prefix = "invalid input: "; break;
    case Code::kNotFound: prefix = "not found: "; break;
    case Code::kIOError: prefix = "I/O error: "; break;
    case Code::kCorruption: prefix = "corruption: "; break;
    case Code::kBusy: prefix = "busy: "; break;
    case Code::kUnsupported: prefix = "unsupported: "; break;
  }
  return prefix + rep_->message;
}

}  // namespace sg
