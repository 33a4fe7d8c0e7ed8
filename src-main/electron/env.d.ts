// electron-vite's `?asset` imports (the window icon): the file is copied into the build and its path imported.
/// <reference types="electron-vite/node" />
