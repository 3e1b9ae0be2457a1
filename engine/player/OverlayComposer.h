#pragma once
// Turns a session frame into the world overlay's quads: hotspot icons (a constant ~5° across,
// so they read the same near and far), their labels, the gaze-dwell ring, a toggle's blend ring
// and, while it is held, its slide track, the open panel, the caption, the teleport marker and
// the scene's way-finding route (chevrons on the ground pointing along it, a brighter pulse
// running along them), plus the fade and comfort vignette.
//
// Labels that would cover each other or the caption are decluttered (LabelDeclutter.h): the
// hovered one and those nearest the line of sight are shown, the others keep their icons.
//
// Textures are painted on the CPU (ui::PanelPainter, ui::IconPainter) once per distinct content
// and kept: icons and labels per name/text, one slot each for the panel and the caption, which
// are repainted when their text changes (a new language, the next subtitle cue).
//
// The caption is head-locked but lagging: it sits below the line of sight and follows the head's
// yaw with a time constant, so a quick glance does not drag the text across the view.
#include "experience/Experience.h"
#include "player/LabelDeclutter.h"
#include "render/WorldOverlay.h"
#include "runtime/SessionTypes.h"
#include "ui/Font.h"

#include <map>
#include <optional>
#include <string>

namespace xrs::player {

struct OverlayStyle {
    float iconDegrees = 5.0f;          // angular diameter of a hotspot icon
    float labelReferenceMetres = 1.5f; // labels are painted for this distance and scale with it
    float labelNearMetres = 3.5f;      // 6DoF scenes label hotspots nearer than this (and hovered ones)
    float lookDownScale = 2.0f;        // look-down controls' icons and labels against a hotspot's
    float captionDistance = 1.8f;      // metres in front of the head
    float captionDrop = 0.45f;         // metres below eye level
    float captionLagSeconds = 0.35f;   // time constant of the yaw follow
    float chevronSpacing = 1.6f;       // metres between a route's chevrons
    float chevronWidth = 0.9f;         // metres across the route (and along it)
    float routeNearMetres = 1.0f;      // no chevron closer to the feet than this (it would fill the view)
    float routeFadeMetres[2] = {18.0f, 32.0f}; // chevrons fade out between these distances
    float pulseSpeed = 4.0f;           // metres per second along the route
    float pulsePeriodMetres = 14.0f;   // one pulse every so many metres
};

class OverlayComposer {
public:
    OverlayComposer(render::WorldOverlay& overlay, ui::Font font, OverlayStyle style = {});

    // Replaces the overlay's quads and effects with this frame's.
    void compose(const runtime::SessionFrame& frame, double dtSeconds);

private:
    struct Painted {
        render::OverlayTextureId texture = 0;
        float widthMetres = 0.0f;
        float heightMetres = 0.0f;
    };
    const Painted& iconFor(const runtime::HotspotView& hotspot);
    const Painted& labelFor(const std::string& text);
    // `control`: a look-down control rather than a marker, drawn `lookDownScale` larger, its label
    // always shown. Its label joins pendingLabels_ for the declutter.
    void addHotspot(const runtime::HotspotView& hotspot, const runtime::SessionFrame& frame, bool control = false);
    // Under a held toggle hotspot: the track of its sideways slide, filled up to the blend, with
    // the thumb where the pointer is. Returns how far below the icon it reaches (metres).
    float addSlideTrack(const runtime::HotspotView& hotspot, const glm::vec3& eye, float iconWidth);
    void addPanel(const runtime::PanelView& panel);
    void addCaption(const std::string& caption, const Pose& head, double dtSeconds);
    void addRoute(const runtime::RouteView& route, const glm::vec3& eye);

    render::WorldOverlay& overlay_;
    ui::Font font_;
    OverlayStyle style_;
    std::map<std::string, Painted> icons_;
    std::map<std::string, Painted> labels_;
    std::vector<LabelCandidate> pendingLabels_; // this frame's, until decluttered
    // Painted once: a bar (stretched sideways, tinted) and a disc, for the slide track.
    render::OverlayTextureId bar_ = 0;
    render::OverlayTextureId disc_ = 0;
    render::OverlayTextureId chevron_ = 0; // points towards the quad's top (halfUp)
    double routeSeconds_ = 0.0;            // drives the route's pulse
    // One slot each, repainted when the content changes.
    Painted panel_;
    std::string panelKey_;
    Painted caption_;
    std::string captionText_;
    std::optional<float> captionYaw_;
};

} // namespace xrs::player
