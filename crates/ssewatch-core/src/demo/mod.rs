//! The built-in demo SSE source. (Being written.)
