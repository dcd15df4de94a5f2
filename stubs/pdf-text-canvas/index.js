// What pdfjs-dist takes from @napi-rs/canvas when it loads in Node: the DOMMatrix, ImageData and
// Path2D classes (it builds one identity matrix at load). budget-bot extracts text and never renders
// a page, so only construction is provided; anything that would draw says so instead of drawing wrong.
'use strict';

const NOT_RENDERING = 'budget-bot extracts PDF text only: rendering needs @napi-rs/canvas (see stubs/README.md)';

class DOMMatrix {
  constructor(init) {
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = Array.isArray(init) ? init : [];
    Object.assign(this, { a, b, c, d, e, f });
  }
}
for (const method of ['multiply', 'multiplySelf', 'preMultiplySelf', 'translate', 'translateSelf', 'scale', 'scaleSelf', 'invertSelf', 'inverse', 'transformPoint']) {
  DOMMatrix.prototype[method] = () => {
    throw new Error(NOT_RENDERING);
  };
}

class ImageData {
  constructor() {
    throw new Error(NOT_RENDERING);
  }
}

class Path2D {
  constructor() {
    throw new Error(NOT_RENDERING);
  }
}

module.exports = { DOMMatrix, ImageData, Path2D };
