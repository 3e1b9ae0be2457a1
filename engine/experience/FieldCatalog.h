#pragma once
// The members each object of the format may have, and which are required. One table serves the
// reader (unknown members are warned about and kept; missing required ones are errors) and the
// tests that keep experiences/schema/experience.schema.json and docs/experience-format.md in
// agreement with the C++ side.
#include <span>
#include <string_view>

namespace xrs::experience {

enum class ObjectKind {
    Experience, Metadata, Credit, Languages, Scene, Model, ModelState, View, TeleportArea,
    Lighting, Sun, Sky, Hotspot, Action, Panel, TourStop, Audio, Ambience, AudioSource, Route
};

struct FieldSpec {
    std::string_view name;
    bool required = false;   // required in every object of the kind (kind-specific rules aside)
};

std::span<const ObjectKind> allObjectKinds();
std::span<const FieldSpec> fieldsOf(ObjectKind kind);
// The object's name under "$defs" in the JSON Schema ("experience" is the schema's root).
std::string_view schemaNameOf(ObjectKind kind);

} // namespace xrs::experience
