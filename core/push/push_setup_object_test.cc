#include "core/push/push_setup_object.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/cosem/association.h"
#include "core/dlms/test_hex.h"
#include "core/push/push_test_fixture.h"
#include "core/recording/event_codes.h"
#include "core/recording/log_group.h"

namespace quadra::push {
namespace {

using Bytes = std::vector<std::uint8_t>;
using dlms::testing::hex;

struct ObjectTest : ::testing::Test {
  ObjectTest() : object(*static_cast<PushSetupObject*>(f.directory.find(40, kAlarmPushLn))) {}
  Bytes get(std::uint8_t attribute) {
    Bytes out(512);
    dlms::AxdrWriter w(out);
    EXPECT_EQ(object.get(attribute, dlms::SelectiveAccess{}, w, cosem::RequestContext{}), dlms::DataAccessResult::kSuccess);
    out.resize(w.size());
    return out;
  }
  dlms::DataAccessResult set(std::uint8_t attribute, const Bytes& value) {
    return object.set(attribute, value, cosem::RequestContext{10.0, nullptr});
  }
  PushFixture f;
  PushSetupObject& object;
};

TEST_F(ObjectTest, AttributesAsTheBlueBookTypesThem) {
  EXPECT_EQ(object.class_id(), 40);
  EXPECT_EQ(object.version(), 0);
  EXPECT_EQ(get(1), hex("09 06 0000190900FF"));
  // push_object_list: array of {class_id, logical_name, attribute_index, data_index}.
  EXPECT_EQ(get(2), hex("01 03"
                        " 02 04 12 0028 09 06 0000190900FF 0F 01 12 0000"
                        " 02 04 12 0001 09 06 0000600100FF 0F 02 12 0000"
                        " 02 04 12 0001 09 06 0000616200FF 0F 02 12 0000"));
  // send_destination_and_method: {TCP, "127.0.0.1:4061", A-XDR APDU}.
  EXPECT_EQ(get(3), hex("02 03 16 00 09 0E 3132372E302E302E313A34303631 16 00"));
  EXPECT_EQ(get(4), hex("01 00"));
  EXPECT_EQ(get(5), hex("12 0000"));
  EXPECT_EQ(get(6), hex("11 00"));
  EXPECT_EQ(get(7), hex("12 0000"));
}

TEST_F(ObjectTest, WritesAreTakenAndLoggedAsParametersChanged) {
  EXPECT_EQ(set(6, hex("11 03")), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(set(7, hex("12 003C")), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(set(5, hex("12 0078")), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(set(3, hex("02 03 16 00 09 0B 6C6F63616C686F73743A39 16 00")), dlms::DataAccessResult::kSuccess);
  const Bytes window = hex("01 01 02 02 09 0C FFFFFFFFFF 02000000 8000FF 09 0C FFFFFFFFFF 03000000 8000FF");
  EXPECT_EQ(set(4, window), dlms::DataAccessResult::kSuccess);
  EXPECT_EQ(set(2, hex("01 01 02 04 12 0028 09 06 0000190900FF 0F 01 12 0000")), dlms::DataAccessResult::kSuccess);
  const PushSettings& s = f.engine.settings();
  EXPECT_EQ(s.number_of_retries, 3);
  EXPECT_EQ(s.repetition_delay_s, 60);
  EXPECT_EQ(s.randomisation_start_interval_s, 120);
  EXPECT_EQ(s.destination_view(), "localhost:9");
  EXPECT_EQ(s.window_count, 1u);
  EXPECT_EQ(s.object_count, 1u);
  EXPECT_EQ(get(4), window);
  const recording::EventLog& log = f.meter.events().log(recording::LogGroup::kConfiguration);
  int changes = 0;
  for (std::size_t k = 0; k < log.entries_in_use(); ++k) {
    if (log.entry(k).code != recording::event_code::kParametersChanged) continue;
    ++changes;
    EXPECT_EQ(recording::obis_from_context(log.entry(k).context[0]), kAlarmPushLn);
  }
  EXPECT_EQ(changes, 6);
}

TEST_F(ObjectTest, RefusedWritesChangeNothing) {
  const Bytes before = get(3);
  EXPECT_EQ(set(6, hex("12 0003")), dlms::DataAccessResult::kTypeUnmatched);  // long-unsigned for unsigned
  EXPECT_EQ(set(3, hex("02 03 16 00 09 04 686F7374 16 00")), dlms::DataAccessResult::kOtherReason);  // no port
  EXPECT_EQ(set(3, hex("02 03 16 01 09 03 683A31 16 00")), dlms::DataAccessResult::kOtherReason);   // UDP
  EXPECT_EQ(set(3, hex("02 03 16 00 09 03 683A31 16 00 00")), dlms::DataAccessResult::kTypeUnmatched);  // trailing
  // A window with a date on one side only.
  EXPECT_EQ(set(4, hex("01 01 02 02 09 0C 07EA0101FF 02000000 8000FF 09 0C FFFFFFFFFF 03000000 8000FF")),
            dlms::DataAccessResult::kOtherReason);
  EXPECT_EQ(set(1, hex("09 06 0000190900FF")), dlms::DataAccessResult::kReadWriteDenied);
  EXPECT_EQ(get(3), before);
  EXPECT_EQ(f.meter.events().log(recording::LogGroup::kConfiguration).entries_in_use(), 0u);
}

TEST_F(ObjectTest, OnlyTheManagementClientWritesAndPushes) {
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kPublic, object, 2), 0);
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kReader, object, 3), 1);
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kManager, object, 3), 3);
  EXPECT_EQ(cosem::attribute_access(cosem::ClientLevel::kManager, object, 1), 1);
  EXPECT_FALSE(cosem::method_access(cosem::ClientLevel::kReader, object, 1));
  EXPECT_TRUE(cosem::method_access(cosem::ClientLevel::kManager, object, 1));
  EXPECT_FALSE(cosem::method_access(cosem::ClientLevel::kManager, object, 2));
}

TEST_F(ObjectTest, MethodPushTriggersANotification) {
  Bytes out(16);
  dlms::AxdrWriter w(out);
  bool has_data = true;
  EXPECT_EQ(object.action(1, hex("0F 00"), w, has_data, cosem::RequestContext{}), dlms::ActionResult::kSuccess);
  EXPECT_FALSE(has_data);
  EXPECT_EQ(object.action(1, hex("11 00"), w, has_data, cosem::RequestContext{}), dlms::ActionResult::kTypeUnmatched);
  EXPECT_EQ(object.action(2, hex("0F 00"), w, has_data, cosem::RequestContext{}), dlms::ActionResult::kObjectUnavailable);
  const Attempt* a = f.engine.poll(0.0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->apdu[1] & 0x80, 0);  // a method call: normal priority
}

}  // namespace
}  // namespace quadra::push
