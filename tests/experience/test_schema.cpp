// The C++ reader, the JSON Schema (experiences/schema/experience.schema.json) and the reference
// doc (docs/experience-format.md) describe the same format: same objects, same members, same
// required members; the doc's complete example reads without a single diagnostic.
#include <catch2/catch.hpp>

#include "ExperienceTestSupport.h"
#include "experience/ExperienceIO.h"
#include "experience/FieldCatalog.h"

#include <cstdio>
#include <set>

using namespace xrs::experience;

namespace {

Json loadSchema() {
    return Json::parse(xrs::test::readText(xrs::test::sourceRoot() / "experiences/schema/experience.schema.json"));
}

std::string docText() { return xrs::test::readText(xrs::test::sourceRoot() / "docs/experience-format.md"); }

// The ```json block that follows the "## Complete example" heading.
std::string docExample() {
    const std::string doc = docText();
    const auto heading = doc.find("## Complete example");
    if (heading == std::string::npos) return {};
    const auto start = doc.find("```json\n", heading);
    if (start == std::string::npos) return {};
    const auto end = doc.find("\n```", start + 8);
    return doc.substr(start + 8, end - start - 8);
}

// "### `name`" up to the next "### " heading.
std::string docSection(const std::string& doc, std::string_view name) {
    const std::string heading = "### `" + std::string(name) + "`";
    const auto start = doc.find(heading);
    if (start == std::string::npos) return {};
    const auto end = doc.find("\n### ", start + heading.size());
    return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

} // namespace

TEST_CASE("the schema lists exactly the members the reader knows", "[experience][schema]") {
    const Json schema = loadSchema();
    CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema.at("$ref") == "#/$defs/experience");
    for (ObjectKind kind : allObjectKinds()) {
        const std::string name(schemaNameOf(kind));
        INFO("$defs/" << name);
        REQUIRE(schema.at("$defs").contains(name));
        const Json& definition = schema["$defs"][name];
        std::set<std::string> schemaFields, schemaRequired, cppFields, cppRequired;
        for (auto it = definition.at("properties").begin(); it != definition.at("properties").end(); ++it)
            schemaFields.insert(it.key());
        if (definition.contains("required"))
            for (const auto& field : definition["required"]) schemaRequired.insert(field.get<std::string>());
        for (const FieldSpec& field : fieldsOf(kind)) {
            cppFields.insert(std::string(field.name));
            if (field.required) cppRequired.insert(std::string(field.name));
        }
        CHECK(schemaFields == cppFields);
        CHECK(schemaRequired == cppRequired);
    }
}

TEST_CASE("the reference doc has a table row for every member", "[experience][schema]") {
    const std::string doc = docText();
    for (ObjectKind kind : allObjectKinds()) {
        const std::string section = docSection(doc, schemaNameOf(kind));
        INFO("docs/experience-format.md section ### `" << schemaNameOf(kind) << "`");
        REQUIRE_FALSE(section.empty());
        for (const FieldSpec& field : fieldsOf(kind)) {
            INFO("member " << field.name);
            CHECK(section.find("| `" + std::string(field.name) + "` |") != std::string::npos);
        }
    }
}

TEST_CASE("the doc's complete example reads without diagnostics", "[experience][schema]") {
    const std::string example = docExample();
    REQUIRE_FALSE(example.empty());
    auto parsed = parseExperience(example, "docs/experience-format.md example");
    INFO(xrs::test::describe(parsed.diagnostics));
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.experience.scenes.size() >= 2);
}

TEST_CASE("the sample and the doc example satisfy the JSON Schema (python3-jsonschema)", "[experience][schema]") {
    if (std::system("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0) {
        WARN("python3 with jsonschema is not installed: schema validation of the sample skipped");
        return;
    }
    xrs::test::TempDirectory temp("experience-schema");
    xrs::test::writeText(temp.path() / "example.json", docExample());
    Json broken = Json::parse(xrs::test::readText(xrs::test::sampleExperienceFolder() / "experience.json"));
    broken["scenes"][0].erase("spawn");
    xrs::test::writeText(temp.path() / "broken.json", broken.dump());
    const std::string script =
        "import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "v = jsonschema.Draft202012Validator(schema)\n"
        "for name in sys.argv[2:]:\n"
        "    errors = sorted('/' + '/'.join(str(p) for p in e.absolute_path) for e in v.iter_errors(json.load(open(name))))\n"
        "    print(len(errors), ' '.join(errors))\n";
    xrs::test::writeText(temp.path() / "check.py", script);
    const std::string command = "python3 '" + (temp.path() / "check.py").string() + "' '" +
                                (xrs::test::sourceRoot() / "experiences/schema/experience.schema.json").string() + "' '" +
                                (xrs::test::sampleExperienceFolder() / "experience.json").string() + "' '" +
                                (temp.path() / "example.json").string() + "' '" + (temp.path() / "broken.json").string() + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof(buffer), pipe)) output += buffer;
    CHECK(::pclose(pipe) == 0);
    CHECK(output == "0 \n0 \n1 /scenes/0\n");
}
