#!/bin/sh
# The built-in liveness verifier on its corpus (identity-service/src/test/.../LivenessCorpus.java):
# live captures read by FreeTTS, espeak-ng and flite voices (two also saying "oh" for 0), by three faces, quiet, under white noise, room tone
# and babble at 20, 15, 10 and 5 dB SNR (in the telephone band, as Aurora-2) and in reverberant rooms, in five containers (a phone's upright MP4
# among them), and the attacks (read by each voice in turn; the wrong and the spliced digits also in a
# café, babble at 10 dB): BPCER per condition, APCER per attack type with what
# each attempt's failed checks measured. espeak-ng and flite are Debian packages, installed when
# missing if this runs as root. Options: CORPUS_CLIPS (live clips per voice and room, default 4),
# CORPUS_ATTACKS (per attack type, default 2), CORPUS_SEED (replays a run; printed by every run),
# CORPUS_ROOMS (only these rooms, by their labels in the table, separated by a comma alone:
# "quiet room,babble 15 dB,RT60 0.7 s, room tone 15 dB").
# The table lands in identity-service/target/liveness-corpus.md.
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -pl identity-service -am install -DskipTests -Dfuzz.skip=true
seed="${CORPUS_SEED:+-Dcorpus.seed=$CORPUS_SEED}"
rooms="${CORPUS_ROOMS:+-Dcorpus.rooms=$CORPUS_ROOMS}"
exec ./mvnw -q -pl identity-service surefire:test -Dtest=LivenessCorpus -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcorpus.clips="${CORPUS_CLIPS:-4}" -Dcorpus.attacks="${CORPUS_ATTACKS:-2}" $seed ${rooms:+"$rooms"}
