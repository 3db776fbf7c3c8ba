// Dates in news text: "March 7", "September 10, 2024", "7 March 2025", "2025-03-07".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sg::ingest {

struct Ymd {
  int year = 0;   // 0 when the text gave none ("Kommersant, February 17")
  int month = 0;  // 1..12
  int day = 0;    // 0 when the text gave none ("March 2025")
};

struct FoundDate {
  size_t begin = 0;  // byte offsets in the scanned text
  size_t end = 0;
  Ymd date;
};

// Every date in `text` with at least a month and a day or a year.
std::vector<FoundDate> FindDates(std::string_view text);

// Parses a date standing alone ("2025-03-07", "2025-03-07T10:00Z", "March 7, 2025",
// "7 March 2025", "2025"). Returns false when `text` is not one date.
bool ParseDate(std::string_view text, Ymd* out);

// ISO form: "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when the year is unknown.
std::string IsoDate(const Ymd& d);

// Gives a date without a year the year of `article_iso` ("YYYY-MM-DD"), or the year
// before when that would put it after the article. Unchanged when either is unknown.
Ymd ResolveYear(Ymd d, std::string_view article_iso);

// The article's date from its text: a dateline ("ISTANBUL, May 16, 2025 —") near the
// start, else the newest full date in the text, else the newest month ("YYYY-MM");
// "" when there is none.
std::string InferArticleDate(std::string_view text);

}  // namespace sg::ingest
