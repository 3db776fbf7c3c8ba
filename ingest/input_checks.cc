#include "ingest/input_checks.h"

#include <fmt/format.h>

#include "graph/names.h"

namespace sg::ingest {
namespace {

// Byte order marks of encodings we do not read, checked longest first.
struct Bom {
  std::string_view bytes;
  const char* encoding;
};
constexpr Bom kForeignBoms[] = {
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {"\xFF\xFE", "UTF-16LE"},
    {"\xFE\xFF", "UTF-16BE"},
};

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
size_t Utf8SequenceAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  return IsValidUtf8(s.substr(i, n)) ? n : 0;
}

}  // namespace

bool JsonNestsDeeperThan(std::string_view line, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

std::string EncodingProblem(std::string_view content, int* line) {
  *line = 1;
  for (const Bom& bom : kForeignBoms) {
    if (content.substr(0, bom.bytes.size()) == bom.bytes) {
      return fmt::format("the file is {} (it starts with a {} byte order mark); convert it to UTF-8, "
                         "e.g. iconv -f {} -t UTF-8",
                         bom.encoding, bom.encoding, bom.encoding);
    }
  }
  if (IsValidUtf8(content) && content.find('\0') == std::string_view::npos) return "";
  size_t column = 1;
  for (size_t i = 0; i < content.size();) {
    if (content[i] == '\0') {
      return fmt::format("column {}: NUL byte (a binary file, or UTF-16 without a byte order mark?)", column);
    }
    const size_t n = Utf8SequenceAt(content, i);
    if (n == 0) {
      return fmt::format("column {}: invalid UTF-8 (byte 0x{:02X}; a binary file, or text in another "
                         "encoding? convert it to UTF-8)",
                         column, static_cast<unsigned char>(content[i]));
    }
    if (content[i] == '\n') {
      ++*line;
      column = 0;
    }
    i += n;
    ++column;
  }
  return "";  // not reached: the content had a problem
}

std::string Excerpt(std::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) return std::string(value);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("{}... ({} bytes)", value.substr(0, cut), value.size());
}

}  // namespace sg::ingest
