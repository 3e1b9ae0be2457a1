"""Minimal deterministic glTF 2.0 writer for the project's small test scenes.

Everything (buffer and images) is embedded as base64 data URIs so a scene is one self-contained
.gltf file. Output is byte-for-byte reproducible: no timestamps, sorted nothing, fixed float
formatting through json with the values we computed.
"""
import base64
import json
import math
import struct
import zlib

FLOAT = 5126
UNSIGNED_SHORT = 5123
UNSIGNED_INT = 5125
ARRAY_BUFFER = 34962
ELEMENT_ARRAY_BUFFER = 34963


def png_rgba(width, height, pixel):
    """PNG bytes for an RGBA8 image; pixel(x, y) -> (r, g, b, a), y = 0 is the top row."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
            + chunk(b"IEND", b""))


def data_uri(mime, payload):
    return "data:" + mime + ";base64," + base64.b64encode(payload).decode("ascii")


def quaternion_from_axis_angle(axis, angle):
    length = math.sqrt(sum(c * c for c in axis))
    s = math.sin(angle / 2) / length
    return [axis[0] * s, axis[1] * s, axis[2] * s, math.cos(angle / 2)]


def quaternion_looking_along(forward, up=(0.0, 1.0, 0.0)):
    """Rotation taking the node's -Z axis to `forward` (glTF cameras and lights look down -Z)."""
    def normalize(v):
        n = math.sqrt(sum(c * c for c in v))
        return [c / n for c in v]

    def cross(a, b):
        return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]

    back = normalize([-c for c in forward])
    right = normalize(cross(up, back))
    true_up = cross(back, right)
    # Rotation matrix columns: right, up, back. Convert to a quaternion (Shepperd's method).
    m = [[right[0], true_up[0], back[0]], [right[1], true_up[1], back[1]], [right[2], true_up[2], back[2]]]
    trace = m[0][0] + m[1][1] + m[2][2]
    if trace > 0:
        s = math.sqrt(trace + 1.0) * 2
        q = [(m[2][1] - m[1][2]) / s, (m[0][2] - m[2][0]) / s, (m[1][0] - m[0][1]) / s, 0.25 * s]
    elif m[0][0] > m[1][1] and m[0][0] > m[2][2]:
        s = math.sqrt(1.0 + m[0][0] - m[1][1] - m[2][2]) * 2
        q = [0.25 * s, (m[0][1] + m[1][0]) / s, (m[0][2] + m[2][0]) / s, (m[2][1] - m[1][2]) / s]
    elif m[1][1] > m[2][2]:
        s = math.sqrt(1.0 + m[1][1] - m[0][0] - m[2][2]) * 2
        q = [(m[0][1] + m[1][0]) / s, 0.25 * s, (m[1][2] + m[2][1]) / s, (m[0][2] - m[2][0]) / s]
    else:
        s = math.sqrt(1.0 + m[2][2] - m[0][0] - m[1][1]) * 2
        q = [(m[0][2] + m[2][0]) / s, (m[1][2] + m[2][1]) / s, 0.25 * s, (m[1][0] - m[0][1]) / s]
    return [round(c, 6) for c in q]


class GltfBuilder:
    def __init__(self, generator):
        self.buffer = bytearray()
        self.doc = {
            "asset": {"version": "2.0", "generator": generator},
            "scene": 0,
            "scenes": [{"nodes": []}],
            "nodes": [], "meshes": [], "materials": [], "accessors": [], "bufferViews": [],
        }

    def _view(self, data, target):
        while len(self.buffer) % 4:
            self.buffer.append(0)
        self.doc["bufferViews"].append({"buffer": 0, "byteOffset": len(self.buffer), "byteLength": len(data),
                                        "target": target})
        self.buffer.extend(data)
        return len(self.doc["bufferViews"]) - 1

    def float_accessor(self, vectors, kind):
        """Accessor over a list of float tuples; min/max are computed from the float32 values."""
        packed = b"".join(struct.pack("<%df" % len(v), *v) for v in vectors)
        as_f32 = [struct.unpack("<%df" % len(v), struct.pack("<%df" % len(v), *v)) for v in vectors]
        components = len(vectors[0])
        accessor = {"bufferView": self._view(packed, ARRAY_BUFFER), "componentType": FLOAT,
                    "count": len(vectors), "type": kind}
        if kind == "VEC3":  # POSITION requires min/max; we add them to every VEC3 for simplicity
            accessor["min"] = [min(v[i] for v in as_f32) for i in range(components)]
            accessor["max"] = [max(v[i] for v in as_f32) for i in range(components)]
        self.doc["accessors"].append(accessor)
        return len(self.doc["accessors"]) - 1

    def index_accessor(self, indices):
        packed = struct.pack("<%dH" % len(indices), *indices)
        self.doc["accessors"].append({"bufferView": self._view(packed, ELEMENT_ARRAY_BUFFER),
                                      "componentType": UNSIGNED_SHORT, "count": len(indices), "type": "SCALAR",
                                      "min": [min(indices)], "max": [max(indices)]})
        return len(self.doc["accessors"]) - 1

    def geometry(self, positions, normals, uvs, indices):
        return {"POSITION": self.float_accessor(positions, "VEC3"),
                "NORMAL": self.float_accessor(normals, "VEC3"),
                "TEXCOORD_0": self.float_accessor(uvs, "VEC2")}, self.index_accessor(indices)

    def material(self, material):
        self.doc["materials"].append(material)
        return len(self.doc["materials"]) - 1

    def mesh(self, name, attributes, indices, material):
        self.doc["meshes"].append({"name": name, "primitives": [
            {"attributes": attributes, "indices": indices, "material": material}]})
        return len(self.doc["meshes"]) - 1

    def node(self, node, root=True):
        self.doc["nodes"].append(node)
        index = len(self.doc["nodes"]) - 1
        if root:
            self.doc["scenes"][0]["nodes"].append(index)
        return index

    def png_texture(self, png_bytes, sampler):
        self.doc.setdefault("samplers", []).append(sampler)
        self.doc.setdefault("images", []).append({"uri": data_uri("image/png", png_bytes)})
        self.doc.setdefault("textures", []).append({"sampler": len(self.doc["samplers"]) - 1,
                                                     "source": len(self.doc["images"]) - 1})
        return len(self.doc["textures"]) - 1

    # Binary glTF (GLB) and pre-packed data for larger generated scenes (tools/content/museum).
    def raw_accessor(self, packed, component_type, count, kind, target, minimum=None, maximum=None):
        """Accessor over bytes the caller packed already (little-endian); min/max as given."""
        accessor = {"bufferView": self._view(packed, target), "componentType": component_type,
                    "count": count, "type": kind}
        if minimum is not None:
            accessor["min"] = list(minimum)
            accessor["max"] = list(maximum)
        self.doc["accessors"].append(accessor)
        return len(self.doc["accessors"]) - 1

    def buffer_texture(self, png_bytes, sampler, name=None):
        """A PNG stored in the binary buffer (for to_glb); returns the texture index."""
        while len(self.buffer) % 4:
            self.buffer.append(0)
        self.doc["bufferViews"].append({"buffer": 0, "byteOffset": len(self.buffer), "byteLength": len(png_bytes)})
        self.buffer.extend(png_bytes)
        image = {"bufferView": len(self.doc["bufferViews"]) - 1, "mimeType": "image/png"}
        if name is not None:
            image["name"] = name
        self.doc.setdefault("samplers", []).append(sampler)
        self.doc.setdefault("images", []).append(image)
        self.doc.setdefault("textures", []).append({"sampler": len(self.doc["samplers"]) - 1,
                                                     "source": len(self.doc["images"]) - 1})
        return len(self.doc["textures"]) - 1

    def to_glb(self):
        """The scene as a binary glTF: JSON chunk (space padded) + BIN chunk (zero padded)."""
        while len(self.buffer) % 4:
            self.buffer.append(0)
        self.doc["buffers"] = [{"byteLength": len(self.buffer)}]
        text = json.dumps(self.doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        text += b" " * ((4 - len(text) % 4) % 4)
        total = 12 + 8 + len(text) + 8 + len(self.buffer)
        return (struct.pack("<4sII", b"glTF", 2, total) + struct.pack("<I4s", len(text), b"JSON") + text
                + struct.pack("<I4s", len(self.buffer), b"BIN\x00") + bytes(self.buffer))

    def to_json(self):
        self.doc["buffers"] = [{"byteLength": len(self.buffer),
                                "uri": data_uri("application/octet-stream", bytes(self.buffer))}]
        return json.dumps(self.doc, indent=1) + "\n"


def quad(center, right, up):
    """Two triangles spanning center +- right +- up, front face (CCW) toward cross(right, up).

    uv (0,0) is the top-left corner as seen from the front (glTF convention)."""
    def offset(sign_right, sign_up):
        return tuple(center[i] + sign_right * right[i] + sign_up * up[i] for i in range(3))

    corners = [offset(-1, -1), offset(1, -1), offset(1, 1), offset(-1, 1)]
    normal = (right[1] * up[2] - right[2] * up[1], right[2] * up[0] - right[0] * up[2],
              right[0] * up[1] - right[1] * up[0])
    length = math.sqrt(sum(c * c for c in normal))
    normal = tuple(c / length for c in normal)
    uvs = [(0.0, 1.0), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]
    return corners, [normal] * 4, uvs, [0, 1, 2, 0, 2, 3]
