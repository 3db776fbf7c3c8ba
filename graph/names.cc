#include "graph/names.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace sg {
namespace {

bool IsDropped(utf8proc_int32_t c) {
  // Dots and apostrophes join: "U.S." -> "us", "O'Brien" -> "obrien".
  return c == '.' || c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

bool IsWordChar(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// NFKC + case fold + strip marks, via utf8proc; invalid bytes are skipped first.
std::string Fold(std::string_view name) {
  std::string valid;
  valid.reserve(name.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(name.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(name.size());
  while (left > 0) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) { ++p; --left; continue; }
    valid.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    p += n;
    left -= n;
  }
  utf8proc_uint8_t* out = nullptr;
  const auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
      UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  utf8proc_ssize_t len = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
      static_cast<utf8proc_ssize_t>(valid.size()), &out, options);
  if (len < 0) return valid;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(len));
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

void DropLeadingThe(std::string* key) {
  if (key->size() > 4 && key->compare(0, 4, "the ") == 0) key->erase(0, 4);
}

// The same folding as the general path, for the common all-ASCII name, without
// utf8proc's allocation.
std::string NormalizeAscii(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  bool pending_space = false;
  for (char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (pending_space && !key.empty()) key.push_back(' ');
      pending_space = false;
      key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!IsDropped(static_cast<unsigned char>(c))) {
      pending_space = true;
    }
  }
  DropLeadingThe(&key);
  return key;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  if (IsAscii(name)) return NormalizeAscii(name);
  const std::string folded = Fold(name);
  std::string key;
  key.reserve(folded.size());
  bool pending_space = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(folded.size());
  while (left > 0) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) break;  // Fold() produced valid UTF-8; defensive only
    if (IsWordChar(c)) {
      if (pending_space && !key.empty()) key.push_back(' ');
      pending_space = false;
      key.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    } else if (!IsDropped(c)) {
      pending_space = true;
    }
    p += n;
    left -= n;
  }
  DropLeadingThe(&key);
  return key;
}

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    // Fast path for ASCII.
    if (*p < 0x80) { ++p; --left; continue; }
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    if (n <= 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

}  // namespace sg
