#include "core/push/auto_connect_object.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/cosem/association.h"
#include "core/dlms/test_hex.h"
#include "core/meter/meter.h"
#include "core/recording/event_codes.h"
#include "core/recording/log_group.h"

namespace quadra::push {
namespace {

using Bytes = std::vector<std::uint8_t>;
using dlms::testing::hex;

struct AutoConnectTest : ::testing::Test {
  AutoConnectTest() {
    s.mode = 101;
    s.repetitions = 3;
    s.repetition_delay_s = 60;
    s.add_destination("10.0.0.1:4059");
  }
  Bytes get(std::uint8_t attribute) {
    Bytes out(256);
    dlms::AxdrWriter w(out);
    EXPECT_EQ(object.get(attribute, dlms::SelectiveAccess{}, w, cosem::RequestContext{}), dlms::DataAccessResult::kSuccess);
    out.resize(w.size());
    return out;
  }
  dlms::DataAccessResult set(std::uint8_t attribute, const char* value) {
    return object.set(attribute, hex(value), cosem::RequestContext{10.0, nullptr});
  }
  dlms::ActionResult connect(const char* parameters) {
    Bytes out(16);
    dlms::AxdrWriter w(out);
    bool has_data = true;
    const dlms::ActionResult r = object.action(1, hex(parameters), w, has_data, cosem::RequestContext{});
    EXPECT_FALSE(has_data);
    return r;
  }
  std::size_t changes() const {
    std::size_t n = 0;
    const recording::EventLog& log = meter.events().log(recording::LogGroup::kConfiguration);
    for (std::size_t k = 0; k < log.entries_in_use(); ++k) {
      if (log.entry(k).code == recording::event_code::kParametersChanged &&
          log.entry(k).context[0] == recording::obis_to_context(kAutoConnectLn))
        ++n;
    }
    return n;
  }
  AutoConnectSettings s;
  bool present = true;
  meter::Meter meter{meter::MeterSettings{}};
  AutoConnectObject object{s, present, meter};
};

// Bytes by hand from the Blue Book's class 29 version 2: enum 0x16, unsigned 0x11, long-unsigned
// 0x12, array 0x01, structure 0x02, octet-string 0x09.
TEST_F(AutoConnectTest, AttributesAsTheBlueBookTypesThem) {
  EXPECT_EQ(object.class_id(), 29);
  EXPECT_EQ(object.version(), 2);
  EXPECT_EQ(object.method_count(), 1);
  EXPECT_EQ(get(1), hex("09 06 0000020100FF"));
  EXPECT_EQ(get(2), hex("16 65"));  // 101 permanently connected
  EXPECT_EQ(get(3), hex("11 03"));
  EXPECT_EQ(get(4), hex("12 003C"));
  EXPECT_EQ(get(5), hex("01 00"));
  EXPECT_EQ(get(6), hex("01 01 09 0D 31302E302E302E313A34303539"));  // "10.0.0.1:4059"
}

TEST_F(AutoConnectTest, WritesAreCheckedTakenAndLogged) {
  EXPECT_EQ(set(2, "16 68"), dlms::DataAccessResult::kSuccess);  // 104
  EXPECT_EQ(set(3, "11 05"), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(set(4, "12 000A"), dlms::DataAccessResult::kSuccess);
  // Every day 08:00:00 to 16:00:00 (dates not specified, deviation 0x8000, status 0xFF).
  const char* window = "01 01 02 02 09 0C FFFFFFFFFF 08000000 8000FF 09 0C FFFFFFFFFF 10000000 8000FF";
  EXPECT_EQ(set(5, window), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(set(6, "01 02 09 0E 3132372E302E302E313A34303631 09 09 6865616430313A3830"), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(get(2), hex("16 68"));
  EXPECT_EQ(get(3), hex("11 05"));
  EXPECT_EQ(get(4), hex("12 000A"));
  EXPECT_EQ(get(5), hex(window));
  ASSERT_EQ(s.destination_count, 2u);
  EXPECT_EQ(s.destination(0), "127.0.0.1:4061");
  EXPECT_EQ(s.destination(1), "head01:80");
  EXPECT_EQ(s.generation, 5u);
  EXPECT_EQ(changes(), 5u);

  // Refused, nothing changed, nothing logged.
  EXPECT_EQ(set(2, "16 04"), dlms::DataAccessResult::kOtherReason);   // SMS sending: no SMS path
  EXPECT_EQ(set(2, "16 C8"), dlms::DataAccessResult::kOtherReason);   // 200: none defined
  EXPECT_EQ(set(2, "11 01"), dlms::DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(3, "12 0001"), dlms::DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(5, "01 01 02 02 09 0C FFFFFFFFFF FF000000 8000FF 09 0C FFFFFFFFFF 10000000 8000FF"),
            dlms::DataAccessResult::kOtherReason);  // start hour not specified
  EXPECT_EQ(set(5, "01 01 02 01 09 0C FFFFFFFFFF 08000000 8000FF"), dlms::DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(6, "01 01 09 08 6865616430313A30"), dlms::DataAccessResult::kOtherReason);  // port 0
  EXPECT_EQ(set(6, "01 01 09 06 686561643031"), dlms::DataAccessResult::kOtherReason);      // no port
  EXPECT_EQ(set(6, "01 05 09 01 61 09 01 61 09 01 61 09 01 61 09 01 61"), dlms::DataAccessResult::kTypeUnmatched);
  EXPECT_EQ(set(1, "09 06 0000020100FF"), dlms::DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(get(2), hex("16 68"));
  EXPECT_EQ(get(5), hex(window));
  EXPECT_EQ(s.destination_count, 2u);
  EXPECT_EQ(s.generation, 5u);
  EXPECT_EQ(changes(), 5u);
}

TEST_F(AutoConnectTest, ConnectIsRefusedInModeZeroAndWithoutTheModule) {
  EXPECT_EQ(connect("0F 00"), dlms::ActionResult::kSuccess);
  EXPECT_EQ(s.connect_requests, 1u);
  EXPECT_EQ(connect("11 00"), dlms::ActionResult::kTypeUnmatched);
  present = false;
  EXPECT_EQ(connect("0F 00"), dlms::ActionResult::kTemporaryFailure);
  present = true;
  EXPECT_EQ(set(2, "16 00"), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(connect("0F 00"), dlms::ActionResult::kTemporaryFailure);
  EXPECT_EQ(s.connect_requests, 1u);
}

TEST_F(AutoConnectTest, OnlyTheManagementClientWritesAndConnects) {
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kPublic, object, 2), 0);
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kReader, object, 6), 1);
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kManager, object, 6), 3);
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kManager, object, 1), 1);
  EXPECT_FALSE(cosem::method_access(cosem::ClientLevel::kPublic, object, 1));
  EXPECT_FALSE(cosem::method_access(cosem::ClientLevel::kReader, object, 1));
  EXPECT_TRUE(cosem::method_access(cosem::ClientLevel::kManager, object, 1));
  EXPECT_FALSE(cosem::method_access(cosem::ClientLevel::kManager, object, 2));
}

TEST(AutoConnectRules, ModesDecideWhenToDialKeepAndHangUp) {
  AutoConnectSettings s;
  struct Row {
    std::uint8_t mode;
    bool dial_in, dial_out, keep_in, keep_out, hang_out;
  };
  const Row rows[] = {
      {0, false, false, false, false, false},  {1, true, true, false, false, false},
      {2, true, false, false, false, false},   {3, true, false, false, false, false},
      {101, true, true, true, true, false},    {102, true, false, true, false, true},
      {103, true, true, false, false, false},  {104, true, true, false, false, false},
  };
  for (const Row& r : rows) {
    s.mode = r.mode;
    EXPECT_TRUE(validate(s).is_ok()) << int(r.mode);
    EXPECT_EQ(may_dial(s, true), r.dial_in) << int(r.mode);
    EXPECT_EQ(may_dial(s, false), r.dial_out) << int(r.mode);
    EXPECT_EQ(keeps_connection(s, true), r.keep_in) << int(r.mode);
    EXPECT_EQ(keeps_connection(s, false), r.keep_out) << int(r.mode);
    EXPECT_EQ(must_hang_up(s, false), r.hang_out) << int(r.mode);
    EXPECT_FALSE(must_hang_up(s, true)) << int(r.mode);
  }
  for (int mode : {4, 5, 6, 7, 100, 105, 200}) {
    s.mode = static_cast<std::uint8_t>(mode);
    EXPECT_FALSE(validate(s).is_ok()) << mode;
  }
}

}  // namespace
}  // namespace quadra::push
