// WebVTT and SRT: cue times and text from valid files (the sample's and inline ones), and the
// file:line errors of malformed ones.
#include <catch2/catch.hpp>

#include "ExperienceTestSupport.h"
#include "experience/Subtitles.h"

using namespace xrs::experience;

TEST_CASE("the sample's WebVTT track parses", "[experience][subtitles]") {
    auto track = loadSubtitles(xrs::test::sampleExperienceFolder() / "subtitles/stop1.zh.vtt");
    REQUIRE(track);
    REQUIRE(track->cues.size() == 2);
    CHECK(track->cues[0].startMs == 0);
    CHECK(track->cues[0].endMs == 1500);
    CHECK(track->cues[0].text == "欢迎来到展厅。");  // <b> removed
    CHECK(track->cues[1].startMs == 1500);
    CHECK(track->cues[1].endMs == 3250);       // cue settings after the end time are ignored
    CHECK(track->cues[1].text == "这件青瓷瓶已经修复。\n请看右侧。");
}

TEST_CASE("the sample's SRT track (CRLF line ends) parses", "[experience][subtitles]") {
    auto track = loadSubtitles(xrs::test::sampleExperienceFolder() / "subtitles/stop1.en.srt");
    REQUIRE(track);
    REQUIRE(track->cues.size() == 2);
    CHECK(track->cues[0].text == "Welcome to the hall.");
    CHECK(track->cues[1].startMs == 1500);
    CHECK(track->cues[1].endMs == 3250);
    CHECK(track->cues[1].text == "This celadon vase has been restored.\nLook to the right.");
}

TEST_CASE("WebVTT details: hours, identifiers, NOTE/STYLE blocks, BOM, entities", "[experience][subtitles]") {
    const std::string vtt = "\xEF\xBB\xBFWEBVTT - a title\n"
                            "Kind: captions\n\n"
                            "STYLE\n::cue { color: yellow }\n\n"
                            "NOTE a comment\nover two lines\n\n"
                            "intro\n"
                            "01:02:03.004 --> 01:02:05.000 align:start\n"
                            "<v Guide>Tom &amp; Jerry &lt;3</v>\n\n\n"
                            "00:00:10.000 --> 00:00:11.000\n"  // earlier start than the previous cue
                            "x\n";
    auto track = parseSubtitles(vtt, SubtitleFormat::WebVtt, "t.vtt");
    REQUIRE_FALSE(track);
    CHECK(track.error().message == "t.vtt:15: cue starts at 00:00:10.000, before the previous cue (01:02:03.004); "
                                   "WebVTT cues must be in start order");
    auto ordered = parseSubtitles(vtt.substr(0, vtt.find("\n\n\n")), SubtitleFormat::WebVtt, "t.vtt");
    REQUIRE(ordered);
    REQUIRE(ordered->cues.size() == 1);
    CHECK(ordered->cues[0].startMs == 3723004);
    CHECK(ordered->cues[0].endMs == 3725000);
    CHECK(ordered->cues[0].text == "Tom & Jerry <3");
}

TEST_CASE("cuesAt follows the narration clock", "[experience][subtitles]") {
    auto track = parseSubtitles("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:01,500 --> 00:00:03,000\nb\n",
                                SubtitleFormat::Srt, "t.srt");
    REQUIRE(track);
    CHECK(cuesAt(*track, 999).empty());
    REQUIRE(cuesAt(*track, 1000).size() == 1);
    CHECK(cuesAt(*track, 1000)[0]->text == "a");
    CHECK(cuesAt(*track, 1700).size() == 2);  // overlapping cues are both shown
    REQUIRE(cuesAt(*track, 2000).size() == 1);
    CHECK(cuesAt(*track, 2000)[0]->text == "b");
    CHECK(cuesAt(*track, 3000).empty());
}

TEST_CASE("malformed subtitles name the file and the line", "[experience][subtitles]") {
    struct Bad {
        SubtitleFormat format;
        std::string text;
        std::string expected;
    };
    const std::vector<Bad> cases = {
        {SubtitleFormat::WebVtt, "1\n00:00.000 --> 00:01.000\nx\n",
         "f:1: expected the header 'WEBVTT' on the first line"},
        {SubtitleFormat::WebVtt, "WEBVTTX\n", "f:1: expected the header 'WEBVTT' on the first line"},
        {SubtitleFormat::WebVtt, "WEBVTT\n\n00:00.000 --> 00:01\nx\n",
         "f:3: malformed cue timing '00:00.000 --> 00:01' (expected HH:MM:SS.mmm --> HH:MM:SS.mmm)"},
        {SubtitleFormat::WebVtt, "WEBVTT\n\n00:61.000 --> 01:02.000\nx\n",
         "f:3: malformed cue timing '00:61.000 --> 01:02.000' (expected HH:MM:SS.mmm --> HH:MM:SS.mmm)"},
        {SubtitleFormat::WebVtt, "WEBVTT\n\n00:00,000 --> 00:01.000\nx\n",
         "f:3: malformed cue timing '00:00,000 --> 00:01.000' (expected HH:MM:SS.mmm --> HH:MM:SS.mmm)"},
        {SubtitleFormat::WebVtt, "WEBVTT\n\n00:05.000 --> 00:04.000\nx\n",
         "f:3: cue ends at 00:00:04.000, not after its start 00:00:05.000"},
        {SubtitleFormat::WebVtt, "WEBVTT\n\nan id\nno timing here\n",
         "f:3: expected a cue timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm' after 'an id'"},
        {SubtitleFormat::WebVtt, "WEBVTT\n\n00:00.000 --> 00:01.000\nx\n00:01.000 --> 00:02.000\ny\n",
         "f:5: cue text contains '-->' (a missing blank line before the next cue?)"},
        {SubtitleFormat::WebVtt, "WEBVTT\n\n00:00.000 --> 00:01.000\n\xC3\x28\n", "f:4: not valid UTF-8"},
        {SubtitleFormat::Srt, "one\n00:00:00,000 --> 00:00:01,000\nx\n", "f:1: expected a cue number, got 'one'"},
        {SubtitleFormat::Srt, "1\n00:00:00:000 --> 00:00:01,000\nx\n",
         "f:2: malformed cue timing '00:00:00:000 --> 00:00:01,000' (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"},
        {SubtitleFormat::Srt, "1\n00:00,000 --> 00:01,000\nx\n",
         "f:2: malformed cue timing '00:00,000 --> 00:01,000' (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)"},
        {SubtitleFormat::Srt, "1\n00:00:00,000 --> 00:00:01,000\nx\n\n2\n", "f:5: expected a cue timing line "
                                                                             "'HH:MM:SS,mmm --> HH:MM:SS,mmm' after '2'"},
    };
    for (const Bad& bad : cases) {
        auto track = parseSubtitles(bad.text, bad.format, "f");
        INFO(bad.text);
        REQUIRE_FALSE(track);
        CHECK(track.error().message == bad.expected);
    }
    auto wrongExtension = loadSubtitles("captions.txt");
    REQUIRE_FALSE(wrongExtension);
    CHECK(wrongExtension.error().message == "captions.txt: not a subtitle file (expected a .vtt or .srt extension)");
}
