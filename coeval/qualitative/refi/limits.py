"""Size limits for imported archives, so a hostile or broken file cannot exhaust the server.

The defaults are far above real projects (the NVivo sample is 35 kB; a large study with
audio may reach hundreds of megabytes) and can be raised per call.
"""

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    max_archive_bytes: int = 1024 * MB
    max_entries: int = 20_000
    max_member_bytes: int = 512 * MB
    max_total_bytes: int = 2048 * MB
    max_project_xml_bytes: int = 256 * MB
    # Text and XML compress well (10-20x); hundreds-to-one only happens in zip bombs.
    max_compression_ratio: float = 200.0
    # Tiny members may have silly ratios without being a threat.
    ratio_applies_above_bytes: int = 1 * MB
