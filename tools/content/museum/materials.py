"""Material descriptions shared by the hall and artifact builders.

A Material is a glTF metallic-roughness material plus the images (numpy floats, linear colour
for base/emissive, converted to sRGB on export) that its textures come from."""
import numpy as np

from textures import linear_to_srgb


class Material:
    def __init__(self, name, base=(1, 1, 1), metallic=0.0, roughness=1.0, emissive=None,
                 base_image=None, orm_image=None, normal_image=None, emissive_image=None,
                 normal_scale=1.0, alpha=None, double_sided=False, repeat=True):
        self.name = name
        self.base = list(base) + [1.0] * (4 - len(base))
        self.metallic = metallic
        self.roughness = roughness
        self.emissive = emissive
        self.base_image = base_image          # linear RGB(A), (h, w, 3|4)
        self.orm_image = orm_image            # occlusion, roughness, metallic (linear data)
        self.normal_image = normal_image      # tangent-space, 0..1
        self.emissive_image = emissive_image  # linear RGB
        self.normal_scale = normal_scale
        self.alpha = alpha                    # None (opaque) or "BLEND"
        self.double_sided = double_sided
        self.repeat = repeat

    def srgb_base(self):
        image = np.asarray(self.base_image, np.float64)
        if image.shape[2] == 4:
            return np.concatenate([linear_to_srgb(image[..., :3]), image[..., 3:]], axis=2)
        return linear_to_srgb(image)
