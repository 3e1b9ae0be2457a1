#include "player/OverlayComposer.h"

#include "ui/Canvas.h"
#include "ui/IconPainter.h"
#include "ui/PanelPainter.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

namespace xrs::player {
namespace {

constexpr int kIconPixels = 128;
// The language tab's icon (ui::paintLanguageIcon); not a name a curator can give (validate refuses it).
constexpr const char* kLanguageTabIcon = "xrshow:language";

// The yaw (radians, + turns left, 0 looks down -Z) of the head's forward axis on the floor.
float headingOf(const Pose& head) {
    const glm::vec3 forward = head.orientation * glm::vec3(0.0f, 0.0f, -1.0f);
    return std::atan2(-forward.x, -forward.z);
}

float wrapAngle(float radians) {
    return std::remainder(radians, 2.0f * glm::pi<float>());
}

// A hotspot icon from a curator's PNG/JPEG: resampled into the overlay's premultiplied format.
std::optional<ImageRGBA8> iconFromFile(const std::filesystem::path& file) {
    auto image = ui::loadPanelImage(file);
    if (!image) return std::nullopt; // logged by the session's asset checks; the built-in icon stands in
    ui::Canvas canvas(kIconPixels, kIconPixels);
    canvas.drawImage(*image, {0.0f, 0.0f, static_cast<float>(kIconPixels), static_cast<float>(kIconPixels)});
    return canvas.toImage();
}

} // namespace

OverlayComposer::OverlayComposer(render::WorldOverlay& overlay, ui::Font font, OverlayStyle style)
    : overlay_(overlay), font_(std::move(font)), style_(style) {
    panel_.texture = overlay_.createTexture();
    caption_.texture = overlay_.createTexture();
    // White, so that tints colour them. The bar is soft only at its top and bottom: it is
    // stretched sideways to any length.
    ui::Canvas bar(8, 16);
    bar.fillRect({0.0f, 3.0f, 8.0f, 10.0f}, ui::LinearColor{1.0f, 1.0f, 1.0f, 1.0f});
    bar_ = overlay_.createTexture();
    overlay_.setTexture(bar_, bar.toImage());
    ui::Canvas disc(64, 64);
    disc.fillCircle({32.0f, 32.0f}, 30.0f, ui::LinearColor::fromSrgb(0x101418, 0.8f));
    disc.fillCircle({32.0f, 32.0f}, 24.0f, ui::LinearColor{1.0f, 1.0f, 1.0f, 1.0f});
    disc_ = overlay_.createTexture();
    overlay_.setTexture(disc_, disc.toImage());
    // A white chevron with a dark rim (legible on bright paving and on dark water alike).
    ui::Canvas chevron(64, 64);
    // Bold: seen on the ground from a few metres it is foreshortened to a fraction of its length.
    const ui::Vec2 left{13.0f, 48.0f}, apex{32.0f, 16.0f}, right{51.0f, 48.0f};
    const auto rim = ui::LinearColor::fromSrgb(0x0c1a20, 0.7f);
    chevron.strokeLine(left, apex, 24.0f, rim);
    chevron.strokeLine(apex, right, 24.0f, rim);
    const ui::LinearColor white{1.0f, 1.0f, 1.0f, 1.0f};
    chevron.strokeLine(left, apex, 15.0f, white);
    chevron.strokeLine(apex, right, 15.0f, white);
    chevron_ = overlay_.createTexture();
    overlay_.setTexture(chevron_, chevron.toImage());
}

void OverlayComposer::compose(const runtime::SessionFrame& frame, double dtSeconds) {
    overlay_.beginFrame();
    overlay_.setScreenEffects(frame.fadeAlpha, frame.vignette);
    pendingLabels_.clear();
    for (const runtime::HotspotView& hotspot : frame.hotspots)
        if (hotspot.visible) addHotspot(hotspot, frame);
    for (const runtime::LookDownControlView& control : frame.lookDownControls) {
        // Drawn as hotspots: a globe over the next language's own name; an arrow over the next
        // stop's title.
        runtime::HotspotView view;
        view.worldPosition = control.worldPosition;
        view.label = control.label;
        view.icon = control.kind == runtime::LookDownControlKind::NextLanguage ? kLanguageTabIcon : "arrow";
        view.hovered = control.hovered;
        view.dwellProgress = control.dwellProgress;
        addHotspot(view, frame, true);
    }
    addCaption(frame.caption, frame.headWorld, dtSeconds); // pinned: labels keep clear of it
    const std::vector<bool> shown = declutterLabels(pendingLabels_, frame.headWorld);
    for (std::size_t i = 0; i < pendingLabels_.size(); ++i)
        if (shown[i]) overlay_.addQuad(pendingLabels_[i].quad);
    routeSeconds_ += std::max(dtSeconds, 0.0);
    if (frame.route.visible && frame.route.points.size() >= 2) addRoute(frame.route, frame.headWorld.position);
    if (frame.panel) addPanel(*frame.panel);
    if (frame.teleportTarget) {
        // A ring lying on the floor where the visitor would land.
        render::WorldQuad marker;
        marker.style = render::QuadStyle::DwellRing;
        marker.center = *frame.teleportTarget + glm::vec3(0.0f, 0.01f, 0.0f);
        marker.halfRight = {0.3f, 0.0f, 0.0f};
        marker.halfUp = {0.0f, 0.0f, -0.3f};
        marker.tint = {0.55f, 0.85f, 1.0f, 0.9f};
        marker.progress = 1.0f;
        overlay_.addQuad(marker);
    }
}

void OverlayComposer::addRoute(const runtime::RouteView& route, const glm::vec3& eye) {
    const glm::vec3 up{0.0f, 1.0f, 0.0f};
    const auto pulseAt = static_cast<float>(std::fmod(routeSeconds_ * style_.pulseSpeed, style_.pulsePeriodMetres));
    float along = 0.0f;        // route distance at the segment's start
    float nextChevron = 0.5f * style_.chevronSpacing;
    for (std::size_t i = 0; i + 1 < route.points.size(); ++i) {
        const glm::vec3 from = route.points[i], to = route.points[i + 1];
        const float length = glm::length(to - from);
        if (length < 1e-4f) continue;
        const glm::vec3 forward = (to - from) / length;
        const glm::vec3 right = glm::normalize(glm::cross(forward, up));
        for (; nextChevron < along + length; nextChevron += style_.chevronSpacing) {
            const glm::vec3 centre = from + forward * (nextChevron - along);
            const glm::vec2 offset{centre.x - eye.x, centre.z - eye.z};
            const float distance = glm::length(offset);
            if (distance < style_.routeNearMetres) continue;
            const float fade = 1.0f - glm::smoothstep(style_.routeFadeMetres[0], style_.routeFadeMetres[1], distance);
            if (fade <= 0.0f) continue;
            // The pulse runs forwards: chevrons just behind its front light up, then dim.
            const float behind = std::fmod(pulseAt - std::fmod(nextChevron, style_.pulsePeriodMetres) +
                                               style_.pulsePeriodMetres, style_.pulsePeriodMetres);
            const float pulse = std::exp(-behind / 2.0f);
            render::WorldQuad quad;
            quad.texture = chevron_;
            quad.center = centre + glm::vec3(0.0f, 0.01f, 0.0f); // just above the ground
            quad.halfRight = right * (0.5f * style_.chevronWidth);
            quad.halfUp = forward * (0.5f * style_.chevronWidth);
            const float glow = 0.55f + 0.45f * pulse;
            quad.tint = {0.05f * glow, 0.8f * glow, glow, fade * (0.75f + 0.25f * pulse)}; // cyan
            overlay_.addQuad(quad);
        }
        along += length;
    }
}

const OverlayComposer::Painted& OverlayComposer::iconFor(const runtime::HotspotView& hotspot) {
    const std::string key = hotspot.iconImage ? hotspot.iconImage->string() : hotspot.icon;
    auto found = icons_.find(key);
    if (found != icons_.end()) return found->second;
    std::optional<ImageRGBA8> image;
    if (hotspot.iconImage) image = iconFromFile(*hotspot.iconImage);
    if (!image && hotspot.icon == kLanguageTabIcon) image = ui::paintLanguageIcon(kIconPixels);
    if (!image) image = ui::paintIcon(hotspot.icon.empty() ? std::string_view("info") : hotspot.icon, kIconPixels);
    Painted painted{overlay_.createTexture(), 1.0f, 1.0f};
    overlay_.setTexture(painted.texture, std::move(*image));
    return icons_.emplace(key, painted).first->second;
}

const OverlayComposer::Painted& OverlayComposer::labelFor(const std::string& text) {
    auto found = labels_.find(text);
    if (found != labels_.end()) return found->second;
    ui::PaintedTexture label = ui::paintLabel(font_, text);
    Painted painted{overlay_.createTexture(), label.widthMetres, label.heightMetres};
    overlay_.setTexture(painted.texture, std::move(label.image));
    return labels_.emplace(text, painted).first->second;
}

void OverlayComposer::addHotspot(const runtime::HotspotView& hotspot, const runtime::SessionFrame& frame,
                                 bool control) {
    const float scale = control ? style_.lookDownScale : 1.0f;
    const glm::vec3 eye = frame.headWorld.position;
    const float distance = std::max(glm::length(hotspot.worldPosition - eye), 0.1f);
    const float iconWidth = scale * 2.0f * distance * std::tan(glm::radians(style_.iconDegrees) * 0.5f);

    render::WorldQuad icon = render::billboard(hotspot.worldPosition, eye, iconWidth, 1.0f);
    icon.texture = iconFor(hotspot).texture;
    // Hovered icons brighten a little; the others stay slightly translucent over the scene.
    icon.tint = hotspot.hovered ? glm::vec4(1.0f) : glm::vec4(0.92f, 0.92f, 0.92f, 0.85f);
    overlay_.addQuad(icon);

    if (hotspot.stateFraction && *hotspot.stateFraction > 0.0f) {
        // A toggle's blend as a jade ring inside the gaze ring: full when the model shows its
        // toggled state (the restored jar), part-way during a crossfade or after a slide.
        render::WorldQuad blend = render::billboard(hotspot.worldPosition, eye, iconWidth * 1.22f, 1.0f);
        blend.style = render::QuadStyle::DwellRing;
        blend.progress = *hotspot.stateFraction;
        blend.tint = {0.45f, 0.86f, 0.70f, 1.0f};
        overlay_.addQuad(blend);
    }
    if (hotspot.dwellProgress > 0.0f) {
        render::WorldQuad ring = render::billboard(hotspot.worldPosition, eye, iconWidth * 1.45f, 1.0f);
        ring.style = render::QuadStyle::DwellRing;
        ring.progress = hotspot.dwellProgress;
        ring.tint = {1.0f, 0.83f, 0.45f, 1.0f};
        overlay_.addQuad(ring);
    }

    const float trackDrop = hotspot.slide ? addSlideTrack(hotspot, eye, iconWidth) : iconWidth * 0.5f;

    const bool video = frame.sceneKind == experience::SceneKind::Video360;
    if (hotspot.label.empty() || !(video || control || hotspot.hovered || distance < style_.labelNearMetres)) return;
    const Painted& label = labelFor(hotspot.label);
    const float labelScale = scale * distance / style_.labelReferenceMetres;
    const float width = label.widthMetres * labelScale;
    const float height = label.heightMetres * labelScale;
    const glm::vec3 below = hotspot.worldPosition - glm::vec3(0.0f, trackDrop + height * 0.5f + iconWidth * 0.12f, 0.0f);
    render::WorldQuad quad = render::billboard(below, eye, width, height / width);
    quad.texture = label.texture;
    pendingLabels_.push_back({quad, hotspot.hovered, control});  // a control's label is pinned
}

float OverlayComposer::addSlideTrack(const runtime::HotspotView& hotspot, const glm::vec3& eye, float iconWidth) {
    // A flat bar facing the eye just below the icon. The slide maps the pointer's turn to the
    // blend linearly in angle, so the point for blend f sits at the angle (f - start) * span from
    // the hotspot: the thumb stays under a pointer that was pressed on the hotspot.
    const glm::vec3 toHotspot = hotspot.worldPosition - eye;
    const float distance = std::max(glm::length(toHotspot), 0.1f);
    const glm::vec3 forward = toHotspot / distance;
    glm::vec3 right = glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f));
    right = glm::length(right) > 1e-4f ? glm::normalize(right) : glm::vec3(1.0f, 0.0f, 0.0f);
    const glm::vec3 up = glm::cross(right, forward);
    const float thickness = iconWidth * 0.16f;
    const float thumbWidth = iconWidth * 0.42f;
    const float drop = iconWidth * 0.5f + thumbWidth * 0.6f;
    const glm::vec3 origin = hotspot.worldPosition - up * drop;
    const float span = glm::radians(hotspot.slide->spanDegrees);
    const auto offsetOf = [&](float fraction) {
        return distance * std::tan(std::clamp((fraction - hotspot.slide->startFraction) * span, -1.4f, 1.4f));
    };
    const auto bar = [&](float from, float to, glm::vec4 tint) {
        const float left = offsetOf(from), rightEnd = offsetOf(to);
        render::WorldQuad quad;
        quad.texture = bar_;
        quad.center = origin + right * (0.5f * (left + rightEnd));
        quad.halfRight = right * (0.5f * (rightEnd - left));
        quad.halfUp = up * thickness;
        quad.tint = tint;
        overlay_.addQuad(quad);
    };
    const auto disc = [&](float fraction, float width, glm::vec4 tint) {
        render::WorldQuad quad;
        quad.texture = disc_;
        quad.center = origin + right * offsetOf(fraction);
        quad.halfRight = right * (0.5f * width);
        quad.halfUp = up * (0.5f * width);
        quad.tint = tint;
        overlay_.addQuad(quad);
    };
    const float fraction = std::clamp(hotspot.stateFraction.value_or(0.0f), 0.0f, 1.0f);
    const glm::vec4 jade{0.45f, 0.86f, 0.70f, 1.0f};
    bar(0.0f, 1.0f, {0.82f, 0.82f, 0.82f, 0.55f}); // the whole range
    if (fraction > 0.0f) bar(0.0f, fraction, jade); // how much of the toggled state shows
    disc(0.0f, thumbWidth * 0.55f, {0.82f, 0.82f, 0.82f, 0.9f}); // the model as it is
    disc(1.0f, thumbWidth * 0.55f, jade);                      // fully toggled (restored)
    disc(fraction, thumbWidth, glm::vec4(1.0f));
    return drop + thumbWidth * 0.5f;
}

void OverlayComposer::addPanel(const runtime::PanelView& panel) {
    const std::string image = panel.image ? panel.image->string() : std::string();
    const std::string key = panel.id + '\x1f' + panel.title + '\x1f' + panel.text + '\x1f' + image +
                            '\x1f' + std::to_string(panel.widthMetres);
    if (key != panelKey_) {
        ui::PanelStyle style;
        style.widthMetres = panel.widthMetres;
        std::optional<ui::PanelImage> picture;
        if (panel.image) picture = ui::panelImageFromFile(*panel.image, panel.image->filename().string());
        ui::PaintedTexture painted = ui::paintPanel(font_, panel.title, panel.text, picture, style);
        panel_.widthMetres = painted.widthMetres;
        panel_.heightMetres = painted.heightMetres;
        overlay_.setTexture(panel_.texture, std::move(painted.image));
        panelKey_ = key;
    }
    render::WorldQuad quad;
    quad.texture = panel_.texture;
    quad.center = panel.worldPose.position;
    quad.halfRight = panel.worldPose.orientation * glm::vec3(panel_.widthMetres * 0.5f, 0.0f, 0.0f);
    quad.halfUp = panel.worldPose.orientation * glm::vec3(0.0f, panel_.heightMetres * 0.5f, 0.0f);
    quad.compositorLayer = true; // paragraphs of text: sharpest as the compositor's own layer
    overlay_.addQuad(quad);
}

void OverlayComposer::addCaption(const std::string& caption, const Pose& head, double dtSeconds) {
    const float heading = headingOf(head);
    if (!captionYaw_ || caption.empty()) {
        captionYaw_ = heading; // a new caption appears straight ahead
    } else {
        const float follow = 1.0f - std::exp(-static_cast<float>(dtSeconds) / style_.captionLagSeconds);
        captionYaw_ = wrapAngle(*captionYaw_ + wrapAngle(heading - *captionYaw_) * follow);
    }
    if (caption.empty()) return;
    if (caption != captionText_) {
        ui::PaintedTexture painted = ui::paintCaption(font_, caption);
        caption_.widthMetres = painted.widthMetres;
        caption_.heightMetres = painted.heightMetres;
        overlay_.setTexture(caption_.texture, std::move(painted.image));
        captionText_ = caption;
    }
    const glm::vec3 forward(-std::sin(*captionYaw_), 0.0f, -std::cos(*captionYaw_));
    const glm::vec3 centre = head.position + forward * style_.captionDistance - glm::vec3(0.0f, style_.captionDrop, 0.0f);
    render::WorldQuad quad = render::billboard(centre, head.position, caption_.widthMetres,
                                               caption_.heightMetres / caption_.widthMetres);
    quad.texture = caption_.texture;
    quad.compositorLayer = true;
    pendingLabels_.push_back({quad, false, true}); // drawn by compose(), pinned
}

} // namespace xrs::player
