#include "core/recording/event_log.h"

#include <gtest/gtest.h>

#include <vector>

namespace quadra::recording {
namespace {

EventRow row(clock::UtcSeconds t, std::uint16_t code) { return EventRow{t, code, {static_cast<double>(t), 0.0}}; }

std::vector<std::uint16_t> codes_by_entry(const EventLog& log, std::uint32_t from, std::uint32_t to) {
  std::vector<std::uint16_t> out;
  EXPECT_TRUE(log.read_by_entry(from, to, [&](const EventRow& r) { out.push_back(r.code); }).is_ok());
  return out;
}

TEST(EventLog, RefusesZeroAndHugeCapacity) {
  EXPECT_EQ(EventLog::validate(0).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(EventLog::validate(kMaxEventLogCapacity + 1).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(EventLog::validate(1).is_ok());
}

TEST(EventLog, KeepsRowsInFifoOrderBeforeWrap) {
  EventLog log(4);
  for (std::uint16_t c = 1; c <= 3; ++c) log.append(row(100 * c, c));
  EXPECT_EQ(log.entries_in_use(), 3u);
  EXPECT_EQ(codes_by_entry(log, 1, 0), (std::vector<std::uint16_t>{1, 2, 3}));
  EXPECT_EQ(log.entry(0).utc_s, 100);
  EXPECT_EQ(log.entry(0).context[0], 100.0);
}

TEST(EventLog, WrapsDroppingTheOldestAndCountsEveryEvent) {
  EventLog log(4);
  for (std::uint16_t c = 1; c <= 11; ++c) log.append(row(100 * c, c));
  EXPECT_EQ(log.entries_in_use(), 4u);
  EXPECT_EQ(log.counter(), 11u);  // all events ever, not the 4 kept
  EXPECT_EQ(codes_by_entry(log, 1, 0), (std::vector<std::uint16_t>{8, 9, 10, 11}));
}

TEST(EventLog, ClearEmptiesButKeepsCounting) {
  EventLog log(3);
  for (std::uint16_t c = 1; c <= 5; ++c) log.append(row(c, c));
  log.clear();
  EXPECT_EQ(log.entries_in_use(), 0u);
  EXPECT_EQ(log.counter(), 5u);
  log.append(row(9, 9));
  EXPECT_EQ(log.counter(), 6u);
  EXPECT_EQ(codes_by_entry(log, 1, 0), (std::vector<std::uint16_t>{9}));
}

TEST(EventLog, SelectiveAccessByEntryAfterWrap) {
  EventLog log(5);
  for (std::uint16_t c = 1; c <= 8; ++c) log.append(row(c, c));  // keeps 4..8
  EXPECT_EQ(codes_by_entry(log, 2, 3), (std::vector<std::uint16_t>{5, 6}));
  EXPECT_EQ(codes_by_entry(log, 4, 0), (std::vector<std::uint16_t>{7, 8}));     // 0 = to the last
  EXPECT_EQ(codes_by_entry(log, 5, 99), (std::vector<std::uint16_t>{8}));       // clipped
  EXPECT_TRUE(codes_by_entry(log, 6, 0).empty());                                // beyond the end
  int calls = 0;
  EXPECT_EQ(log.read_by_entry(3, 2, [&](const EventRow&) { ++calls; }).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(calls, 0);
}

TEST(EventLog, SelectiveAccessByTimeIsInclusiveAndOldestFirst) {
  EventLog log(10);
  for (std::uint16_t c = 1; c <= 6; ++c) log.append(row(100 * c, c));
  std::vector<std::uint16_t> got;
  const std::size_t n = log.read_by_time(200, 400, [&](const EventRow& r) { got.push_back(r.code); });
  EXPECT_EQ(n, 3u);
  EXPECT_EQ(got, (std::vector<std::uint16_t>{2, 3, 4}));
  EXPECT_EQ(log.read_by_time(601, 900, [](const EventRow&) {}), 0u);
}

TEST(EventLog, TimeRangeFindsRowsAfterAClockSetBack) {
  // The clock went back between the second and third event: both matching rows are returned, in
  // the order they were recorded.
  EventLog log(10);
  log.append(row(1000, 1));
  log.append(row(2000, 2));
  log.append(row(1500, 3));
  std::vector<std::uint16_t> got;
  log.read_by_time(1400, 2000, [&](const EventRow& r) { got.push_back(r.code); });
  EXPECT_EQ(got, (std::vector<std::uint16_t>{2, 3}));
}

TEST(EventLog, RestoresRowsAndCounter) {
  EventLog log(3);
  const std::vector<EventRow> rows{row(1, 7), row(2, 8)};
  ASSERT_TRUE(log.restore(rows, 40).is_ok());
  EXPECT_EQ(log.counter(), 40u);
  EXPECT_EQ(log.entry(1), rows[1]);
  log.append(row(3, 9));
  log.append(row(4, 10));
  EXPECT_EQ(codes_by_entry(log, 1, 0), (std::vector<std::uint16_t>{8, 9, 10}));
  const std::vector<EventRow> too_many(4);
  EXPECT_EQ(log.restore(too_many, 9).code(), StatusCode::kCapacity);
  EXPECT_EQ(log.restore(rows, 1).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace quadra::recording
