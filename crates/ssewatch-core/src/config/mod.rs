//! Configuration: the TOML file format, `${VAR}` interpolation, durations. (Being written.)
