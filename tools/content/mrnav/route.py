#!/usr/bin/env python3
"""The way-finding route through the fictional Qingshi old town (青石古镇), the one source of truth
for where things stand: the generator builds the town around these constants, the build captures
its panoramas from VIEWPOINTS (tools/content/mr-navigation.cmake asks `route.py --cmake`), and
experiences/mr-navigation/experience.json places its hotspots at the directions printed by
`route.py --hotspots` and draws each scene's route from `route.py --routes`
(tests/content/test_mr_navigation.cpp checks that they agree).

Axes as glTF and experience.json: metres, +Y up, -Z is north (yaw 0), +X east; yaw turns left.
"""
import math
import sys

EYE_HEIGHT = 1.6       # capture height above the paving (y = 0)
CAPTURE_YAW = 0.0      # every panorama's centre looks north; hotspot yaw = world yaw - CAPTURE_YAW

# The main street runs north through the town gate; a side street turns east at the crossing
# to the museum plaza.
STREET_HALF_WIDTH = 4.5
SIDE_STREET_Z = (-20.5, -11.5)       # the side street's z range, north edge first
GATE_Z = 24.0                        # centre line of the town wall and gate
GATE_DEPTH = 6.0
MUSEUM_FRONT_X = 38.0                # the museum's platform edge facing west onto the plaza
MUSEUM_Z = -16.0

# Viewpoints, in route order: name -> (x, y, z) of the camera.
VIEWPOINTS = [
    ("entrance", (-1.2, EYE_HEIGHT, 37.0)),     # outside the town gate, by the ticket office
    ("crossing", (0.8, EYE_HEIGHT, -15.0)),     # where the side street turns east, by the old tree
    ("museum", (27.0, EYE_HEIGHT, -17.5)),      # the plaza before the town museum
]

# The walk the experience guides, drawn on the paving as chevrons (experience.json's scene
# "route"): (x, z) from the entrance through the middle of the gate, up the main street, east
# at the crossing along the side street's centre line to the museum's steps.
WALK = [(-1.2, 37.0), (0.0, 28.0), (0.0, 20.0), (0.8, -12.0), (3.5, -16.0), (27.0, -16.5),
        (MUSEUM_FRONT_X - 1.5, -16.0)]

# Arrows lie on the street this far ahead of the viewer, towards the next viewpoint (about 20
# degrees down: below the subtitles, where a walker glances at the paving).
ARROW_GROUND_DISTANCE = 4.5

# Things the information hotspots point at: name -> (x, y, z).
FEATURES = {
    "ticket-office": (6.97, 3.85, 39.0),     # the ticket office's sign, right of the entrance
    "restrooms": (-6.97, 3.85, 43.0),        # the restrooms' sign, behind the visitor on the left
    "gate-plaque": (0.0, 6.8, 27.05),        # the plaque over the gate arch
    "teahouse": (4.46, 3.85, -25.0),         # the teahouse's sign, across the crossing
    "old-tree": (-8.0, 5.5, -16.0),          # the camphor tree on the west side of the crossing
    "museum-door": (MUSEUM_FRONT_X + 1.9, 2.5, MUSEUM_Z),
    "museum-plaque": (MUSEUM_FRONT_X + 1.9, 6.3, MUSEUM_Z),
}

# Hotspots placed by direction: id -> (scene, target). Arrows target the next/previous viewpoint
# (on the ground, ARROW_GROUND_DISTANCE ahead); info hotspots target a feature.
ARROWS = [
    ("entrance-to-crossing", "entrance", "crossing"),
    ("crossing-to-museum", "crossing", "museum"),
    ("crossing-to-entrance", "crossing", "entrance"),
    ("museum-to-crossing", "museum", "crossing"),
]
INFO = [
    ("ticket-office", "entrance", "ticket-office"),
    ("restrooms", "entrance", "restrooms"),
    ("gate-info", "entrance", "gate-plaque"),
    ("teahouse", "crossing", "teahouse"),
    ("old-tree", "crossing", "old-tree"),
    ("museum-hours", "museum", "museum-door"),
    ("museum-info", "museum", "museum-plaque"),
]


def viewpoint(name):
    return dict(VIEWPOINTS)[name]


def yaw_towards(eye, target):
    """Degrees, experience.json's convention: 0 = -Z, positive turns left (towards -X), (-180, 180]."""
    dx, dz = target[0] - eye[0], target[2] - eye[2]
    yaw = math.degrees(math.atan2(-dx, -dz)) - CAPTURE_YAW
    return yaw - 360.0 if yaw > 180.0 else (yaw + 360.0 if yaw <= -180.0 else yaw)


def pitch_towards(eye, target):
    horizontal = math.hypot(target[0] - eye[0], target[2] - eye[2])
    return math.degrees(math.atan2(target[1] - eye[1], horizontal))


def hotspot_directions():
    """[(id, scene, yaw, pitch)] for every hotspot placed by direction."""
    rows = []
    for hotspot, scene, target in ARROWS:
        eye = viewpoint(scene)
        rows.append((hotspot, scene, yaw_towards(eye, viewpoint(target)),
                     -math.degrees(math.atan2(eye[1], ARROW_GROUND_DISTANCE))))
    for hotspot, scene, feature in INFO:
        eye = viewpoint(scene)
        rows.append((hotspot, scene, yaw_towards(eye, FEATURES[feature]), pitch_towards(eye, FEATURES[feature])))
    return rows


def route_for(scene):
    """The walk as a panorama's route: [(x, z)] metres from its camera, in its frame."""
    eye = viewpoint(scene)
    turn = math.radians(CAPTURE_YAW)  # the panorama's yaw 0 looks along world yaw CAPTURE_YAW
    c, s = math.cos(turn), math.sin(turn)
    points = []
    for x, z in WALK:
        dx, dz = x - eye[0], z - eye[2]
        # World yaw turns left (about +Y): undo the capture's turn.
        points.append((c * dx - s * dz, s * dx + c * dz))
    return points


def main():
    if sys.argv[1:] == ["--cmake"]:
        # name|x,y,z|yaw;... for foreach() in tools/content/mr-navigation.cmake
        print(";".join(f"{name}|{x:g},{y:g},{z:g}|{CAPTURE_YAW:g}" for name, (x, y, z) in VIEWPOINTS), end="")
    elif sys.argv[1:] == ["--viewpoints"]:
        for name, (x, y, z) in VIEWPOINTS:
            print(f"{name} {x:g} {y:g} {z:g}")
    elif sys.argv[1:] == ["--hotspots"]:
        for hotspot, scene, yaw, pitch in hotspot_directions():
            print(f"{hotspot} {scene} {yaw:.1f} {pitch:.1f}")
    elif sys.argv[1:] == ["--routes"]:
        # scene x0 z0 x1 z1 ... (metres, 0.01 as in experience.json)
        for name, _ in VIEWPOINTS:
            print(name + "".join(f" {x:.2f} {z:.2f}" for x, z in route_for(name)))
    else:
        sys.exit("usage: route.py --cmake | --viewpoints | --hotspots | --routes")


if __name__ == "__main__":
    main()
