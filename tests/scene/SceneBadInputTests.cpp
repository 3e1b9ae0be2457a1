// Bad input: every glTF model Debian ships either loads (and satisfies the renderer's
// invariants) or fails with an error that starts with the file's path; the known-malformed ones
// fail (or are sanitized) for the right reason; non-model files are named and explained.
#include "SceneTestSupport.h"

#include "scene/SceneImporter.h"

#include <algorithm>
#include <map>

using namespace xrs::scene;
using xrs::scene::test::assimpModel;
using xrs::scene::test::ScratchDirectory;
using xrs::scene::test::writeFile;

namespace {

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::vector<std::filesystem::path> allGltfModels() {
    std::vector<std::filesystem::path> models;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(assimpModel("glTF2"))) {
        const auto extension = entry.path().extension();
        if (entry.is_regular_file() && (extension == ".gltf" || extension == ".glb")) models.push_back(entry.path());
    }
    std::sort(models.begin(), models.end());
    return models;
}

// Expected causes of the models that must fail (relative to glTF2/).
const std::map<std::string, std::string>& expectedFailures() {
    static const std::map<std::string, std::string> failures{
        {"BoxWithInfinites-glTF-Binary/BoxWithInfinites.glb", "mesh 'Mesh': vertex 0 has a non-finite position (-inf"},
        {"IndexOutOfRange/AllIndicesOutOfRange.gltf", "has no faces"},
        {"MissingBin/BoxTextured.gltf", "could not open referenced file \"BoxTextured0.bin\""},
        {"RecursiveNodes/RecursiveNodes.gltf", "recursive reference to itself"},
        {"SchemaFailures/sceneWrongType.gltf", "Member \"scene\" was not of type \"uint\""},
        {"TestNoRootNode/NoScene.gltf", "No scene"},
        {"issue_3269/texcoord_crash.gltf", "Invalid attribute in mesh"},
        {"wrongTypes/badArray.gltf", "Member \"primitives\" was not of type \"array\""},
        {"wrongTypes/badExtension.gltf", "Member \"KHR_texture_transform\" was not of type \"object\""},
        {"wrongTypes/badNumber.gltf", "Member \"scale\" was not of type \"number\""},
        {"wrongTypes/badObject.gltf", "Member \"pbrMetallicRoughness\" was not of type \"object\""},
        {"wrongTypes/badString.gltf", "Member \"name\" was not of type \"string\""},
        {"wrongTypes/badUint.gltf", "Member \"index\" was not of type \"uint\""},
    };
    return failures;
}

} // namespace

TEST_CASE("Every glTF model in assimp-testmodels loads or fails naming the file", "[scene][bad-input]") {
    const auto models = allGltfModels();
    REQUIRE(models.size() >= 40); // the Debian package ships 46; a missing package must not pass
    std::size_t loaded = 0;
    for (const auto& model : models) {
        const std::string relative = model.lexically_relative(assimpModel("glTF2")).generic_string();
        INFO(relative);
        auto scene = importScene(model);
        const auto expected = expectedFailures().find(relative);
        if (expected != expectedFailures().end()) {
            REQUIRE_FALSE(scene.ok());
            CHECK(startsWith(scene.error().message, model.string() + ": "));
            CHECK_THAT(scene.error().message, Catch::Matchers::Contains(expected->second));
            continue;
        }
        if (!scene) FAIL("unexpected import failure: " << scene.error().message);
        xrs::scene::test::requireRendererInvariants(*scene);
        ++loaded;
    }
    CHECK(loaded == models.size() - expectedFailures().size());
}

TEST_CASE("IndexOutOfRange.gltf loads without the triangles that index past the vertices", "[scene][bad-input]") {
    // 36 indices over 24 vertices, some of them 255: Assimp drops the faces that use them and our
    // invariant check proves no out-of-range index reaches the renderer.
    const auto scene = importScene(assimpModel("glTF2/IndexOutOfRange/IndexOutOfRange.gltf"));
    REQUIRE(scene.ok());
    REQUIRE(scene->meshes.size() == 1);
    CHECK(scene->meshes[0].indices.size() < 36);
    CHECK(scene->meshes[0].indices.size() % 3 == 0);
    xrs::scene::test::requireRendererInvariants(*scene);
}

TEST_CASE("IncorrectVertexArrays keeps the triangle meshes and reports the dropped line meshes", "[scene][bad-input]") {
    const auto scene = importScene(assimpModel("glTF2/IncorrectVertexArrays/Cube.gltf"));
    REQUIRE(scene.ok());
    CHECK(scene->meshes.size() == 4); // Cube, TruncatedCube, IndexedCube, TruncatedIndexedCube
    REQUIRE(scene->warnings.size() == 1);
    CHECK_THAT(scene->warnings[0], Catch::Matchers::StartsWith(assimpModel("glTF2/IncorrectVertexArrays/Cube.gltf").string()));
    CHECK_THAT(scene->warnings[0], Catch::Matchers::Contains("4 mesh(es) without triangles (points or lines) dropped"));
}

TEST_CASE("Files that are not models fail with the path and the reason", "[scene][bad-input]") {
    ScratchDirectory scratch("bad_files");

    SECTION("missing file") {
        const auto path = scratch.path() / "does_not_exist.glb";
        const auto scene = importScene(path);
        REQUIRE_FALSE(scene.ok());
        CHECK(scene.error().message == path.string() + ": file not found");
    }
    SECTION("directory") {
        const auto path = scratch.path() / "folder.gltf";
        std::filesystem::create_directory(path);
        const auto scene = importScene(path);
        REQUIRE_FALSE(scene.ok());
        CHECK(scene.error().message == path.string() + ": is a directory, not a model file");
    }
    SECTION("empty file") {
        const auto path = scratch.path() / "empty.gltf";
        writeFile(path, "");
        const auto scene = importScene(path);
        REQUIRE_FALSE(scene.ok());
        CHECK(scene.error().message == path.string() + ": file is empty");
    }
    SECTION("PNG renamed .glb") {
        const auto path = scratch.path() / "logo.glb";
        std::filesystem::copy_file(assimpModel("glTF2/BoxTextured-glTF/CesiumLogoFlat.png"), path);
        const auto scene = importScene(path);
        REQUIRE_FALSE(scene.ok());
        CHECK(scene.error().message == path.string() + ": file is a PNG image, not a 3D model");
    }
    SECTION("text renamed .glb") {
        const auto path = scratch.path() / "notes.glb";
        writeFile(path, "these are not the bytes you are looking for");
        const auto scene = importScene(path);
        REQUIRE_FALSE(scene.ok());
        CHECK(scene.error().message == path.string() + ": not a binary glTF file (missing the 'glTF' magic number)");
    }
    SECTION("truncated JSON") {
        const auto path = scratch.path() / "truncated.gltf";
        writeFile(path, R"({"asset": {"version": "2.0"}, "scenes": [{"nodes": [0)");
        const auto scene = importScene(path);
        REQUIRE_FALSE(scene.ok());
        CHECK_THAT(scene.error().message, Catch::Matchers::StartsWith(path.string() + ": "));
        CHECK(scene.error().message.size() > path.string().size() + 2); // a cause follows the path
    }
    SECTION("unsupported extension") {
        const auto path = scratch.path() / "model.xyz123";
        writeFile(path, "solid nothing");
        const auto scene = importScene(path);
        REQUIRE_FALSE(scene.ok());
        CHECK(scene.error().message == path.string() + ": unsupported model format '.xyz123'");
    }
}

TEST_CASE("A missing or corrupt texture leaves the slot empty with a warning, not a failed import", "[scene][bad-input]") {
    ScratchDirectory scratch("bad_texture");
    const auto source = assimpModel("glTF2/BoxTextured-glTF");
    std::filesystem::copy_file(source / "BoxTextured.gltf", scratch.path() / "BoxTextured.gltf");
    std::filesystem::copy_file(source / "BoxTextured0.bin", scratch.path() / "BoxTextured0.bin");
    const auto model = scratch.path() / "BoxTextured.gltf";

    SECTION("missing") {
        const auto scene = importScene(model);
        REQUIRE(scene.ok());
        CHECK(scene->textures.empty());
        CHECK_FALSE(scene->materials.at(0).baseColorTexture);
        REQUIRE(scene->warnings.size() == 1);
        CHECK(scene->warnings[0] == model.string() + ": material 'Texture' baseColor texture 'CesiumLogoFlat.png': " +
                                        "file not found: " + (scratch.path() / "CesiumLogoFlat.png").string() +
                                        "; slot left empty");
    }
    SECTION("corrupt") {
        writeFile(scratch.path() / "CesiumLogoFlat.png", "\x89PNG\r\n\x1a\n but then garbage");
        const auto scene = importScene(model);
        REQUIRE(scene.ok());
        CHECK(scene->textures.empty());
        CHECK_FALSE(scene->materials.at(0).baseColorTexture);
        REQUIRE(scene->warnings.size() == 1);
        CHECK_THAT(scene->warnings[0], Catch::Matchers::StartsWith(model.string() + ": material 'Texture' baseColor "
                                                                                    "texture 'CesiumLogoFlat.png': "));
        CHECK_THAT(scene->warnings[0], Catch::Matchers::Contains("not a decodable image"));
    }
}
