#!/usr/bin/env python3
"""Narration for the pre-trip-preview tour: a committed script -> espeak-ng speech + subtitles.

    narration.py SCRIPT.txt OUT.wav OUT.zh.vtt OUT.en.vtt

The script has one `zh:` line per sentence followed by its `en:` translation (`#` starts a
comment). Every zh sentence is synthesised with espeak-ng (`-v cmn`, Mandarin), the clips are
joined with short pauses into one mono WAV, and both subtitle files get one cue per sentence,
timed from the synthesised audio. Deterministic: espeak-ng has no randomness.
"""
import os
import subprocess
import sys
import tempfile
import wave

PAUSE_SECONDS = 0.45
LEAD_IN_SECONDS = 0.3


def read_script(path):
    pairs, zh = [], None
    with open(path, encoding="utf-8") as text:
        for number, line in enumerate(text, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("zh:"):
                if zh is not None:
                    sys.exit(f"{path}:{number}: 'zh:' line without the 'en:' line of the previous sentence")
                zh = line[3:].strip()
            elif line.startswith("en:"):
                if zh is None:
                    sys.exit(f"{path}:{number}: 'en:' line without a 'zh:' line before it")
                pairs.append((zh, line[3:].strip()))
                zh = None
            else:
                sys.exit(f"{path}:{number}: expected a line starting with 'zh:' or 'en:'")
    if zh is not None or not pairs:
        sys.exit(f"{path}: expected zh:/en: sentence pairs")
    return pairs


def speak(sentence, directory, index):
    out = os.path.join(directory, f"s{index}.wav")
    subprocess.run(["espeak-ng", "-v", "cmn", "-s", "150", "-w", out, sentence], check=True)
    with wave.open(out, "rb") as clip:
        return clip.getparams(), clip.readframes(clip.getnframes())


def timestamp(seconds):
    ms = int(round(seconds * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: narration.py SCRIPT.txt OUT.wav OUT.zh.vtt OUT.en.vtt")
    script, wav_path, zh_path, en_path = sys.argv[1:]
    pairs = read_script(script)
    cues, frames, params = [], bytearray(), None
    with tempfile.TemporaryDirectory() as scratch:
        for index, (zh, en) in enumerate(pairs):
            clip_params, data = speak(zh, scratch, index)
            if params is None:
                params = clip_params
                frames += b"\0" * (int(LEAD_IN_SECONDS * params.framerate) * params.sampwidth * params.nchannels)
            bytes_per_second = params.framerate * params.sampwidth * params.nchannels
            start = len(frames) / bytes_per_second
            frames += data
            cues.append((start, len(frames) / bytes_per_second, zh, en))
            frames += b"\0" * (int(PAUSE_SECONDS * params.framerate) * params.sampwidth * params.nchannels)
    for path in (wav_path, zh_path, en_path):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with wave.open(wav_path, "wb") as out:
        out.setnchannels(params.nchannels)
        out.setsampwidth(params.sampwidth)
        out.setframerate(params.framerate)
        out.writeframes(bytes(frames))
    for path, column in ((zh_path, 2), (en_path, 3)):
        with open(path, "w", encoding="utf-8") as vtt:
            vtt.write("WEBVTT\n")
            for number, cue in enumerate(cues, 1):
                vtt.write(f"\n{number}\n{timestamp(cue[0])} --> {timestamp(cue[1])}\n{cue[column]}\n")


if __name__ == "__main__":
    main()
