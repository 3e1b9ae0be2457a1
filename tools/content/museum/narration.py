"""Narration clips and subtitles for the museum tour, synthesised from committed scripts.

A script (experiences/museum-tour/narration/<stop>.txt) alternates `zh:` sentences and their
`en:` translations. Each Mandarin sentence is spoken separately by espeak-ng (`-v cmn`); the
clips are trimmed of silence and joined with a fixed pause, so every subtitle cue starts and ends
exactly where its sentence does in the joined WAV. espeak-ng is deterministic for a given text
and version, and we write the WAV ourselves (no timestamps), so the outputs are reproducible.
"""
import os
import struct
import subprocess
import tempfile
import wave

SAMPLE_RATE = 22050          # espeak-ng's native rate; no resampling needed
LEAD_IN_SECONDS = 0.4        # silence before the first sentence
PAUSE_SECONDS = 0.45         # between sentences
TAIL_SECONDS = 0.8           # after the last one, before autoAdvance moves on
SILENCE_THRESHOLD = 200      # |sample| below this counts as silence when trimming
SPEED_WPM = 170              # close to espeak-ng's default 175; its Mandarin is clearer slightly slower


def read_script(path):
    """[(zh, en), ...] from a narration script; raises ValueError naming the file and line."""
    pairs = []
    pending_zh = None
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("zh:"):
                if pending_zh is not None:
                    raise ValueError(f"{path}:{number}: 'zh:' line without the 'en:' line of the previous sentence")
                pending_zh = line[3:].strip()
            elif line.startswith("en:"):
                if pending_zh is None:
                    raise ValueError(f"{path}:{number}: 'en:' line without a 'zh:' line before it")
                pairs.append((pending_zh, line[3:].strip()))
                pending_zh = None
            else:
                raise ValueError(f"{path}:{number}: expected a line starting with 'zh:' or 'en:'")
    if pending_zh is not None:
        raise ValueError(f"{path}: the last 'zh:' sentence has no 'en:' translation")
    if not pairs:
        raise ValueError(f"{path}: no sentences")
    return pairs


def speak(text, espeak="espeak-ng"):
    """16-bit mono samples (bytes) of `text` spoken in Mandarin, silence trimmed at both ends."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "sentence.wav")
        subprocess.run([espeak, "-v", "cmn", "-s", str(SPEED_WPM), "-w", out, text], check=True,
                       stdout=subprocess.DEVNULL)
        with wave.open(out, "rb") as clip:
            if clip.getnchannels() != 1 or clip.getsampwidth() != 2 or clip.getframerate() != SAMPLE_RATE:
                raise RuntimeError(f"espeak-ng wrote {clip.getparams()}, expected 16-bit mono {SAMPLE_RATE} Hz")
            frames = clip.readframes(clip.getnframes())
    samples = struct.unpack("<%dh" % (len(frames) // 2), frames)
    loud = [i for i, s in enumerate(samples) if abs(s) >= SILENCE_THRESHOLD]
    if not loud:
        raise RuntimeError(f"espeak-ng produced silence for {text!r}")
    return frames[loud[0] * 2:(loud[-1] + 1) * 2]


def wav_bytes(frames):
    header = struct.pack("<4sI4s", b"RIFF", 36 + len(frames), b"WAVE")
    fmt = struct.pack("<4sIHHIIHH", b"fmt ", 16, 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
    return header + fmt + struct.pack("<4sI", b"data", len(frames)) + frames


def vtt_time(seconds):
    millis = int(round(seconds * 1000))
    return "%02d:%02d:%02d.%03d" % (millis // 3600000, millis // 60000 % 60, millis // 1000 % 60, millis % 1000)


def build_stop(script_path, espeak="espeak-ng"):
    """(wav bytes, {"zh": vtt text, "en": vtt text}) for one stop's script."""
    pairs = read_script(script_path)
    silence = lambda seconds: b"\x00\x00" * int(round(seconds * SAMPLE_RATE))  # noqa: E731
    audio = bytearray(silence(LEAD_IN_SECONDS))
    cues = []
    for index, (zh, en) in enumerate(pairs):
        if index:
            audio += silence(PAUSE_SECONDS)
        start = len(audio) / 2 / SAMPLE_RATE
        audio += speak(zh, espeak)
        cues.append((start, len(audio) / 2 / SAMPLE_RATE, zh, en))
    audio += silence(TAIL_SECONDS)
    subtitles = {}
    for language, column in (("zh", 2), ("en", 3)):
        lines = ["WEBVTT", ""]
        for number, cue in enumerate(cues, 1):
            lines += [str(number), f"{vtt_time(cue[0])} --> {vtt_time(cue[1])}", cue[column], ""]
        subtitles[language] = "\n".join(lines)
    return wav_bytes(bytes(audio)), subtitles


def write_all(script_dir, stop_ids, out_dir, espeak="espeak-ng"):
    os.makedirs(os.path.join(out_dir, "audio"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "subtitles"), exist_ok=True)
    for stop in stop_ids:
        wav, subtitles = build_stop(os.path.join(script_dir, stop + ".txt"), espeak)
        with open(os.path.join(out_dir, "audio", stop + ".wav"), "wb") as handle:
            handle.write(wav)
        for language, text in subtitles.items():
            with open(os.path.join(out_dir, "subtitles", f"{stop}.{language}.vtt"), "w", encoding="utf-8",
                      newline="\n") as handle:
                handle.write(text)
