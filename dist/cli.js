#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self) {
      self.pending += 1;
      var called = false;
      return onCb;
      function onCb(err) {
        if (called) throw new Error("callback called twice");
        called = true;
        self.error = self.error || err;
        self.pending -= 1;
        if (self.waiting.length > 0 && self.pending < self.max) {
          pendGo(self, self.waiting.shift());
        } else if (self.pending === 0) {
          var listeners = self.listeners;
          self.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self.error);
      }
    }
    function pendGo(self, fn) {
      fn(pendHold(self));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable = stream.Readable;
    var PassThrough = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter);
    function FdSlicer(fd) {
      EventEmitter.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      var self = this;
      self.pend.go(function(cb) {
        fs.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer2) {
          cb();
          callback(err, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount < 0) throw new Error("invalid unref");
      if (self.refCount > 0) return;
      fs.close(self.fd, onCloseDone);
      function onCloseDone(err) {
        if (err) {
          self.emit("error", err);
        } else {
          self.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n) {
      var self = this;
      var toRead = Math.min(self._readableState.highWaterMark, n);
      if (self.endOffset != null) {
        toRead = Math.min(toRead, self.endOffset - self.pos);
      }
      if (toRead <= 0) {
        self.push(null);
        this._cleanup();
        return;
      }
      self.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
          if (err) {
            self.destroy(err);
          } else if (bytesRead === 0) {
            self.push(null);
            self._cleanup();
          } else {
            self.pos += bytesRead;
            self.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err, cb) {
      this._cleanup();
      cb(err);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter);
    function BufferSlicer(buffer) {
      EventEmitter.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position < 0) throw new RangeError("position is negative: " + position);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position + length > this.buffer.length) {
        length = this.buffer.length - position;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position, position + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc32(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc32;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs = __require("fs");
    var zlib = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter = __require("events").EventEmitter;
    var Transform = __require("stream").Transform;
    var PassThrough = __require("stream").PassThrough;
    var Writable = __require("stream").Writable;
    var crc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : require_crc32();
    exports.open = open4;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise2;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise2;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel2;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise2(path, options2) {
      return new Promise((resolve, reject) => {
        open4(path, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromBufferPromise2(buffer, options2) {
      return new Promise((resolve, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function open4(path, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.open(path, "r", function(err, fd) {
        if (err) return callback(err);
        fromFd(fd, options2, function(err2, zipfile) {
          if (err2) fs.close(fd, defaultCallback);
          callback(err2, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.fstat(fd, function(err, stats) {
        if (err) return callback(err);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
        if (err) return callback(err);
        for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
          if (buffer.readUInt32LE(i) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK\u263A\u263B` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err2) {
              if (err2) return callback(err2);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self = this;
      EventEmitter.call(self);
      self.reader = reader;
      self.reader.on("error", function(err) {
        emitError(self, err);
      });
      self.reader.once("close", function() {
        self.emit("close");
      });
      self.readEntryCursor = centralDirectoryOffset;
      self.fileSize = fileSize;
      self.entryCount = entryCount;
      self.comment = comment;
      self.entriesRead = 0;
      self.autoClose = !!autoClose;
      self.lazyEntries = !!lazyEntries;
      self.decodeStrings = !!decodeStrings;
      self.validateEntrySizes = !!validateEntrySizes;
      self.strictFileNames = !!strictFileNames;
      self.isOpen = true;
      self.emittedError = false;
      self.hasEachEntryBeenCalled = false;
      if (!self.lazyEntries) self._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self, err) {
      if (self.autoClose) self.close();
      emitError(self, err);
    }
    function emitError(self, err) {
      if (self.emittedError) return;
      self.emittedError = true;
      self.emit("error", err);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self = this;
      if (self.entryCount === self.entriesRead) {
        setImmediate(function() {
          if (self.autoClose) self.close();
          if (self.emittedError) return;
          self.emit("end");
        });
        return;
      }
      if (self.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
        if (err) return emitErrorAndAutoClose(self, err);
        if (self.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));
        self.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err2) {
          if (err2) return emitErrorAndAutoClose(self, err2);
          if (self.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err3) {
            return emitErrorAndAutoClose(self, err3);
          }
          if (self.decodeStrings) {
            var isUtf82 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf82);
            entry.fileName = getFileNameLowLevel2(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
            var errorMessage = validateFileName(entry.fileName);
            if (errorMessage != null) return emitErrorAndAutoClose(self, new Error(errorMessage));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self.readEntryCursor += buffer.length;
          self.entriesRead += 1;
          for (var i = 0; i < entry.extraFields.length; i++) {
            var extraField = entry.extraFields[i];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self, new Error(msg));
            }
          }
          self.emit("entry", entry);
          if (!self.lazyEntries) self._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self = this;
      if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self.on("entry", onEntry);
      self.on("end", onEnd);
      self.on("error", onError);
      function cleanup() {
        self.removeListener("entry", onEntry);
        self.removeListener("end", onEnd);
        self.removeListener("error", onError);
        if (self.autoClose) self.close();
      }
      function onEntry(entry) {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        resolve({ value: entry });
      }
      function onEnd() {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve({ done: true });
      }
      function onError(err) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve, reject };
          });
          self.readEntry();
          return promise;
        },
        return(value) {
          cleanup();
          return Promise.resolve({ done: true, value });
        },
        throw(value) {
          cleanup();
          return Promise.reject(value);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self.readLocalFileHeader(entry, { minimal: true }, function(err, localFileHeader) {
        if (err) return callback(err);
        self.openReadStreamLowLevel(
          localFileHeader.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib.createInflateRaw();
        readStream.on("error", function(err) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err);
          });
        });
        readStream.pipe(inflateFilter);
        if (self.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
        try {
          if (err) return callback(err);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader = new LocalFileHeader();
          localFileHeader.fileDataStart = fileDataStart;
          localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader.crc32 = buffer.readUInt32LE(14);
          localFileHeader.compressedSize = buffer.readUInt32LE(18);
          localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader.fileNameLength = fileNameLength;
          localFileHeader.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self.reader.ref();
          readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err2) {
            try {
              if (err2) return callback(err2);
              localFileHeader.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader);
            } finally {
              self.reader.unref();
            }
          });
        } finally {
          self.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.openReadStream(entry, options2, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.readLocalFileHeader(entry, options2, function(err, localFileHeader) {
          if (err) return reject(err);
          resolve(localFileHeader);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i = 0; i < this.extraFields.length; i++) {
          var extraField = this.extraFields[i];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags = data[0];
            var HAS_MTIME = 1;
            if (!(flags & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date, time, timezone) {
      var day = date & 31;
      var month = (date >> 5 & 15) - 1;
      var year = (date >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time & 31) * 2;
      var minute = time >> 5 & 63;
      var hour = time >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel2(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i = 0; i < extraFields.length; i++) {
        var extraField = extraFields[i];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc32(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf82 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf82);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i = 0;
      while (i < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
        var dataStart = i + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position, function(err, bytesRead) {
        if (err) return callback(err);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform);
    function AssertByteCountStream(byteCount) {
      Transform.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter);
    function RandomAccessReader() {
      EventEmitter.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount > 0) return;
      if (self.refCount < 0) throw new Error("invalid unref");
      self.close(onCloseDone);
      function onCloseDone(err) {
        if (err) return self.emit("error", err);
        self.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
      var readStream = this.createReadStream({ start: position, end: position + length });
      var writeStream = new Writable();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error) {
        callback(error);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough);
    function RefUnrefFilter(context) {
      PassThrough.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C\u25BA\u25C4\u2195\u203C\xB6\xA7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2302\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
    function decodeBuffer(buffer, isUtf82) {
      if (isUtf82) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i = 0; i < buffer.length; i++) {
          result += cp437[buffer[i]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err, cb) {
          fn();
          if (cb != null) cb(err);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err) {
      if (err) throw err;
    }
  }
});

// src/relaunch.ts
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
var GC_FLAG = "--single-threaded-gc";
var OPT_OUT = "RELEASE_GATE_NO_RELAUNCH";
var WORTH_IT = Number(process.env["RELEASE_GATE_RELAUNCH_MIN_BYTES"] ?? 64 * 1024 * 1024);
function worthRelaunching(target) {
  if (target === void 0) return false;
  try {
    const stats = statSync(target);
    return stats.isFile() && stats.size >= WORTH_IT;
  } catch {
    return false;
  }
}
async function relaunchForThroughput() {
  if (process.execArgv.includes(GC_FLAG) || process.env[OPT_OUT] === "1") return void 0;
  const script = process.argv[1];
  if (script === void 0) return void 0;
  const child = spawn(process.execPath, [GC_FLAG, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, [OPT_OUT]: "1" }
  });
  const forward = (signal) => {
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    return await new Promise((resolve) => {
      child.once("error", () => {
        resolve(void 0);
      });
      child.once("exit", (code, signal) => {
        resolve(code ?? (signal ? 128 + signalNumber(signal) : 2));
      });
    });
  } finally {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  }
}
function signalNumber(signal) {
  return signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : signal === "SIGKILL" ? 9 : 1;
}

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/errors.ts
var ScanError = class extends Error {
  name = "ScanError";
};
function describeFailure(error) {
  if (error instanceof ScanError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${oneLine(message)}; run again with --debug and report it with the output`;
}
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}

// src/model.ts
var SCHEMA_VERSION = 1;
var FINDING_KINDS = [
  "vulnerability",
  "config-change",
  "sensitive-file",
  "secret",
  "permission",
  "unsafe-path",
  "parse-error"
];
var SEVERITIES = ["critical", "high", "medium", "low", "info"];

// src/policy/values.ts
var THRESHOLDS = SEVERITIES.filter((severity) => severity !== "info");
function parseKinds(list) {
  const kinds = list.split(",").map((kind) => kind.trim()).filter((kind) => kind.length > 0);
  for (const kind of kinds) {
    if (!FINDING_KINDS.includes(kind)) {
      throw new ScanError(`unknown finding kind '${kind}' in fail-on; use a comma list of: ${FINDING_KINDS.join(", ")}`);
    }
  }
  return kinds;
}
function parseSeverity(value) {
  const level = value.trim().toLowerCase();
  if (!THRESHOLDS.includes(level)) {
    throw new ScanError(`unknown severity '${value}'; use one of: ${THRESHOLDS.join(", ")}`);
  }
  return level;
}

// src/cli/args.ts
var SCAN_OPTIONS = {
  baseline: { type: "string" },
  advisories: { type: "string", multiple: true },
  offline: { type: "boolean" },
  config: { type: "string" },
  "fail-on": { type: "string" },
  severity: { type: "string" },
  "only-new": { type: "boolean" },
  all: { type: "boolean" },
  report: { type: "string" },
  sarif: { type: "string" },
  sbom: { type: "string" },
  summary: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
function parseCommandLine(argv2) {
  const [first, ...rest] = argv2;
  if (first === void 0 || first === "--help" || first === "-h" || first === "help") return { command: "help", topic: "main" };
  if (first === "--version" || first === "-V") return { command: "version" };
  if (first !== "scan") {
    throw new ScanError(`unknown command '${first}'; run 'release-gate scan <package>' (see release-gate --help)`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: SCAN_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ScanError(`${argumentProblem(error)}; see release-gate scan --help`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help", topic: "scan" };
  if (positionals.length === 0) throw new ScanError("scan needs a package: release-gate scan <file.tar.gz|file.zip|directory>");
  if (positionals.length > 1) {
    throw new ScanError(`scan takes one package, got ${positionals.length} (${positionals.join(", ")}); run one scan per package`);
  }
  if (values["only-new"] && values.all) throw new ScanError("--only-new and --all contradict each other; pass one of them");
  const options2 = {
    target: positionals[0],
    advisories: values.advisories ?? [],
    offline: values.offline ?? false,
    quiet: values.quiet ?? false,
    debug: values.debug ?? false
  };
  const failOn = values["fail-on"];
  if (failOn !== void 0) options2.failOn = parseKinds(failOn);
  const severity = values.severity;
  if (severity !== void 0) options2.severity = parseSeverity(severity);
  if (values["only-new"]) options2.onlyNew = true;
  if (values.all) options2.onlyNew = false;
  for (const key of ["baseline", "config", "report", "sarif", "sbom", "summary"]) {
    const value = values[key];
    if (value === "") throw new ScanError(`--${key} needs a path`);
    if (value !== void 0) options2[key] = value;
  }
  return { command: "scan", options: options2 };
}
function argumentProblem(error) {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1] ?? "an option"} needs a value`;
  return message.split("\n")[0] ?? message;
}
var MAIN_HELP = `release-gate: what a release package brings that production does not have yet, and whether any of it is a threat.

Usage:
  release-gate scan <package> [options]   scan a .tar, .tar.gz, .tgz or .zip package, or a directory
  release-gate --help                     this text (release-gate scan --help for the options)
  release-gate --version                  the version

Exit status: 0 the gate passes (or only warns), 1 it fails on blocking findings, 2 the scan could not be done.
`;
var SCAN_HELP = `Usage: release-gate scan <package> [options]

<package> is a .tar, .tar.gz, .tgz or .zip file, or a directory (a deployed tree).

Options:
  --baseline <package|dir|report.json>  the last deployment: only what is new against it blocks
  --advisories <source>                 osv (default), osv=<base-url>, a directory of OSV records,
                                        an OSV all.zip, or one JSON file; repeatable
  --offline                             never touch the network
  --config <file>                       policy file (default .github/release-gate.yml when it exists)
  --fail-on <kinds>                     comma list of finding kinds that block (default: all):
                                        ${FINDING_KINDS.join(", ")}
  --severity <level>                    lowest severity that blocks: ${THRESHOLDS.join(", ")} (default low)
  --only-new | --all                    block only new findings (default with a baseline), or all
  --report <file>                       write the JSON report (also the next scan's baseline)
  --sarif <file>                        write SARIF 2.1.0
  --sbom <file>                         write a CycloneDX 1.6 JSON SBOM
  --summary <file>                      write the Markdown summary
  -q, --quiet                           print only the verdict line
  --debug                               print stack traces and timings on failure
  -h, --help                            this text
`;

// src/text/format.ts
function count(n) {
  return n.toLocaleString("en-US");
}
function bytes(n) {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
function plural(n, singular, pluralForm = `${singular}s`) {
  return `${count(n)} ${n === 1 ? singular : pluralForm}`;
}
function printable(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

// src/text/markdown-escape.ts
var MAX_SPAN = 300;
var WORD_JOINER = "\u2060";
function mdCode(text) {
  let safe = printable(text).replace(/`/g, "\u02CB").replace(/\|/g, "\u2223").replace(/</g, "\uFF1C").replace(/>/g, "\uFF1E").replace(/@/g, `@${WORD_JOINER}`);
  if (safe.length > MAX_SPAN) safe = `${safe.slice(0, MAX_SPAN)}\u2026`;
  return safe.length === 0 ? '`""`' : `\`${safe}\``;
}
function mdText(text, max = 200) {
  let safe = printable(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&=:"']/g, (c) => `\\${c}`);
  safe = safe.replace(/@/g, `@${WORD_JOINER}`).replace(/www/gi, (w) => `${w[0] ?? ""}${WORD_JOINER}${w.slice(1)}`);
  return safe.length > max ? `${safe.slice(0, max)}\u2026` : safe;
}

// src/report/verdict-line.ts
function verdictLine(report) {
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const total = report.findings.length;
  switch (report.verdict) {
    case "fail":
      return `FAIL: ${plural(blocking, "blocking finding")}${total > blocking ? ` (${plural(total, "finding")} in all)` : ""}`;
    case "warn":
      return blocking > 0 ? `WARN: ${plural(blocking, "blocking finding")}, reported without failing (warn-only)` : `WARN: ${plural(total, "finding")}, none blocking`;
    case "pass":
      return total > 0 ? `PASS: ${plural(total, "finding")}, none blocking` : "PASS: nothing found";
  }
}

// src/report/markdown.ts
var ICONS = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C" };
function renderMarkdown(report) {
  const { target } = report;
  const out = [];
  out.push(`## ${ICONS[report.verdict]} release-gate: ${mdText(verdictLine(report))}`, "");
  out.push("| package | format | entries | size | sha256 |", "| --- | --- | --- | --- | --- |");
  out.push(`| ${mdCode(target.path)} | ${target.format} | ${count(target.files)} | ${bytes(target.bytes)} | ${mdCode(target.sha256.slice(0, 16))} |`);
  if (report.baseline) {
    const base = report.baseline;
    out.push(`| baseline ${mdCode(base.path)} | ${base.format} | ${count(base.files)} | ${bytes(base.bytes)} | ${mdCode(base.sha256.slice(0, 16))} |`);
  }
  out.push("");
  out.push(`**Packages:** ${report.packages.length === 0 ? "none found" : plural(report.packages.length, "package")}`, "");
  if (report.findings.length === 0) {
    out.push("**Findings:** none");
  } else {
    out.push(`**Findings:** ${plural(report.findings.length, "finding")}`, "");
    out.push("| | severity | kind | finding | where |", "| --- | --- | --- | --- | --- |");
    for (const finding of report.findings) {
      out.push(
        `| ${finding.blocking ? "\u{1F6AB}" : ""} | ${finding.severity} | ${finding.kind} | ${mdText(finding.title)} | ${finding.path ? mdCode(finding.path) : ""} |`
      );
    }
  }
  out.push("");
  return out.join("\n");
}

// src/report/write-output.ts
import { open } from "node:fs/promises";

// src/report/json.ts
var PIECE = 256 * 1024;
function* jsonReportPieces(report) {
  let piece = "{\n";
  const keys = Object.keys(report);
  for (const [index, key] of keys.entries()) {
    const value = report[key];
    const comma = index < keys.length - 1 ? "," : "";
    if (Array.isArray(value) && value.length > 0) {
      piece += `  ${JSON.stringify(key)}: [
`;
      const last = value.length - 1;
      for (const [i, item] of value.entries()) {
        piece += `    ${JSON.stringify(item)}${i < last ? "," : ""}
`;
        if (piece.length >= PIECE) {
          yield piece;
          piece = "";
        }
      }
      piece += `  ]${comma}
`;
    } else {
      piece += `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}
`;
    }
  }
  yield `${piece}}
`;
}

// src/report/write-output.ts
async function writeOutput(path, content, what) {
  try {
    const handle = await open(path, "w");
    try {
      if (typeof content === "string") await handle.write(content);
      else for (const piece of content) await handle.write(piece);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const message = error instanceof Error ? oneLine(error.message) : String(error);
    throw new ScanError(`cannot write ${what} to ${path} (${message}); choose a path in a folder that exists and can be written`, { cause: error });
  }
}
function writeJsonReport(path, report) {
  return writeOutput(path, jsonReportPieces(report), "the JSON report");
}

// src/limits.ts
var DEFAULT_LIMITS = {
  maxEntries: 5e6,
  maxNameBytes: 64 * 1024,
  maxPaxBytes: 1024 * 1024,
  maxTotalBytes: 64 * 1024 ** 3,
  maxNestedDepth: 3
};

// src/inventory/checks/registry.ts
var MANIFEST_CHECKS = [];
function contentChecks() {
  return [];
}

// src/findings/finding-id.ts
import { createHash } from "node:crypto";
function findingId(kind, subject, rule) {
  return createHash("sha256").update(`${kind}\0${subject}\0${rule}`).digest("hex").slice(0, 32);
}

// src/inventory/extractors/registry.ts
var EXTRACTORS = [];

// src/inventory/os-release.ts
var OS_RELEASE = /(?:^|\/)(?:etc|usr\/lib)\/os-release$/;
function isOsRelease(path) {
  return OS_RELEASE.test(path);
}
function parseOsRelease(path, text) {
  const fields = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1] ?? "", (match[2] ?? "").replace(/^(["'])(.*)\1$/, "$2"));
  }
  const id = fields.get("ID")?.toLowerCase();
  const version = fields.get("VERSION_ID");
  if (!id || !version) return void 0;
  const root = path.replace(/(?:etc|usr\/lib)\/os-release$/, "");
  if (id === "debian") return { root, id, release: version.split(".")[0] ?? version };
  if (id === "alpine") {
    const [major, minor] = version.split(".");
    return { root, id, release: `v${major ?? ""}.${minor ?? "0"}` };
  }
  return { root, id, release: version };
}

// src/inventory/purl.ts
var TYPES = {
  npm: "npm",
  Packagist: "composer",
  PyPI: "pypi",
  RubyGems: "gem",
  Go: "golang",
  Maven: "maven",
  "crates.io": "cargo",
  NuGet: "nuget",
  Debian: "deb",
  Alpine: "apk"
};
function encode(segment) {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function purlOf(ecosystem, name, version, distro) {
  const type = TYPES[ecosystem];
  let path;
  switch (ecosystem) {
    case "Maven": {
      const [group = "", artifact = name] = name.split(":");
      path = `${encode(group)}/${encode(artifact)}`;
      break;
    }
    case "PyPI":
      path = encode(name.toLowerCase().replace(/[-_.]+/g, "-"));
      break;
    case "Debian":
    case "Alpine":
      path = `${ecosystem === "Debian" ? "debian" : "alpine"}/${encode(name)}`;
      break;
    default:
      path = name.split("/").map(encode).join("/");
  }
  const qualifiers = distro ? `?distro=${encode(distro)}` : "";
  return `pkg:${type}/${path}@${encode(version)}${qualifiers}`;
}

// src/inventory/inventory-analyzer.ts
var OS_RELEASE_BYTES = 64 * 1024;
var InventoryAnalyzer = class {
  constructor(extractors = EXTRACTORS) {
    this.extractors = extractors;
  }
  extractors;
  name = "inventory";
  found = [];
  findings = [];
  releases = [];
  wants(header, base) {
    let bound = 0;
    for (const extractor of this.extractors) {
      if (extractor.matches(header.path, base) && extractor.maxBytes + 1 > bound) bound = extractor.maxBytes + 1;
    }
    if (base === "os-release" && isOsRelease(header.path) && bound < OS_RELEASE_BYTES) bound = OS_RELEASE_BYTES;
    return bound;
  }
  take(entry, content) {
    const slash = entry.path.lastIndexOf("/");
    const base = entry.path.slice(slash + 1);
    if (base === "os-release" && isOsRelease(entry.path)) {
      const release = parseOsRelease(entry.path, content.bytes.toString("utf8"));
      if (release) this.releases.push(release);
    }
    for (const extractor of this.extractors) {
      if (!extractor.matches(entry.path, base)) continue;
      if (content.bytes.length > extractor.maxBytes) {
        this.parseError(entry.path, extractor, `it is larger than the ${extractor.maxBytes}-byte bound (${entry.size} bytes)`);
        continue;
      }
      try {
        for (const pkg of extractor.extract({ path: entry.path, content: content.bytes })) {
          this.found.push({ ...pkg, where: pkg.location ? `${entry.path}!/${pkg.location}` : entry.path });
        }
      } catch (error) {
        this.parseError(entry.path, extractor, error instanceof Error ? error.message : String(error));
      }
    }
  }
  finish() {
    return { packages: this.merge(), findings: this.findings };
  }
  parseError(path, extractor, reason) {
    const why = reason.replace(/\s+/g, " ").trim().slice(0, 300);
    this.findings.push({
      id: findingId("parse-error", path, extractor.name),
      kind: "parse-error",
      severity: "medium",
      title: `${path} could not be read as ${extractor.name}: ${why}`,
      path,
      rule: extractor.name,
      detail: "the packages it lists are not checked against advisories until it can be read",
      status: "new",
      blocking: true
    });
  }
  /** OS packages take the release of the system tree they were found in. */
  releaseOf(ecosystem, where) {
    if (ecosystem !== "Debian" && ecosystem !== "Alpine") return void 0;
    const id = ecosystem === "Debian" ? "debian" : "alpine";
    let best;
    for (const release of this.releases) {
      if (release.id === id && where.startsWith(release.root) && (!best || release.root.length > best.root.length)) best = release;
    }
    return best?.release;
  }
  merge() {
    const merged = /* @__PURE__ */ new Map();
    for (const found of this.found) {
      const release = this.releaseOf(found.ecosystem, found.where);
      const key = `${found.ecosystem}\0${release ?? ""}\0${found.name}\0${found.version}`;
      let pkg = merged.get(key);
      if (!pkg) {
        pkg = {
          ecosystem: found.ecosystem,
          name: found.name,
          version: found.version,
          purl: purlOf(found.ecosystem, found.name, found.version, release && `${found.ecosystem.toLowerCase()}-${release.replace(/^v/, "")}`),
          locations: [],
          devSeen: []
        };
        if (release) pkg.release = release;
        merged.set(key, pkg);
      }
      if (!pkg.locations.includes(found.where)) pkg.locations.push(found.where);
      if (found.dev !== void 0) pkg.devSeen.push(found.dev);
      for (const alias of found.aliases ?? []) {
        if (!(pkg.aliases ??= []).includes(alias)) pkg.aliases.push(alias);
      }
    }
    const packages = [];
    for (const { devSeen, ...pkg } of merged.values()) {
      pkg.locations.sort();
      pkg.aliases?.sort();
      if (devSeen.length > 0) pkg.dev = devSeen.every(Boolean);
      packages.push(pkg);
    }
    return packages.sort(comparePackages);
  }
};
function comparePackages(a, b) {
  return compare(a.ecosystem, b.ecosystem) || compare(a.release ?? "", b.release ?? "") || compare(a.name, b.name) || compare(a.version, b.version);
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/report/file-record.ts
function formatMode(mode) {
  return (mode & 4095).toString(8).padStart(4, "0");
}
function fileRecord(entry) {
  const record = { path: entry.path, type: entry.type, mode: formatMode(entry.mode) };
  if (entry.uid !== void 0) record.uid = entry.uid;
  if (entry.gid !== void 0) record.gid = entry.gid;
  if (entry.type === "file") {
    record.size = entry.size;
    if (entry.sha256 !== void 0) record.sha256 = entry.sha256;
  }
  if (entry.link !== void 0) record.link = entry.link;
  if (entry.special !== void 0) record.special = entry.special;
  return record;
}
function comparePaths(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/package-pass.ts
var PackagePass = class {
  constructor(analyzers) {
    this.analyzers = analyzers;
  }
  analyzers;
  entries = [];
  routed = /* @__PURE__ */ new WeakMap();
  /** The package root (`.`) when the package records one: not a file of the report, but its mode matters. */
  root;
  wants(header) {
    if (this.analyzers.length === 0) return 0;
    const slash = header.path.lastIndexOf("/");
    const base = slash < 0 ? header.path : header.path.slice(slash + 1);
    let bound = 0;
    let interested;
    for (const analyzer of this.analyzers) {
      const wanted = analyzer.wants(header, base);
      if (wanted > 0) {
        (interested ??= []).push(analyzer);
        if (wanted > bound) bound = wanted;
      }
    }
    if (interested) this.routed.set(header, interested);
    return bound;
  }
  visit(entry, content) {
    if (entry.path === ".") this.root = entry;
    else this.entries.push(entry);
    const interested = content && this.routed.get(entry);
    if (!interested) return;
    for (const analyzer of interested) analyzer.take(entry, content);
  }
  /** Every entry as the report lists it, sorted by path (stable: an entry stored twice keeps its order). */
  files() {
    return this.entries.sort((a, b) => comparePaths(a.path, b.path)).map(fileRecord);
  }
};

// src/read/read-package.ts
import { createHash as createHash4 } from "node:crypto";
import { createReadStream as createReadStream3 } from "node:fs";
import { open as open3, stat as stat2 } from "node:fs/promises";

// src/read/package-format-error.ts
var PackageFormatError = class extends Error {
  name = "PackageFormatError";
};

// src/read/read-directory.ts
import { constants, createReadStream } from "node:fs";
import { lstat, open as open2, readdir, readlink, stat } from "node:fs/promises";
import { join } from "node:path";

// src/read/entry-sink.ts
import { createHash as createHash2, hash as digestOnce } from "node:crypto";
var EMPTY = Buffer.alloc(0);
var EntrySink = class {
  constructor(visitor, header) {
    this.visitor = visitor;
    this.header = header;
    const wanted = header.type === "file" ? visitor.wants(header) : 0;
    this.asked = wanted > 0;
    this.want = Math.min(wanted, header.size);
  }
  visitor;
  header;
  hash;
  asked;
  want;
  pieces;
  held = 0;
  seen = 0;
  digest;
  data(chunk) {
    if (this.seen === 0 && chunk.length === this.header.size) {
      this.digest = digestOnce("sha256", chunk, "hex");
    } else {
      (this.hash ??= createHash2("sha256")).update(chunk);
    }
    this.seen += chunk.length;
    if (this.held < this.want) {
      const take = Math.min(chunk.length, this.want - this.held);
      (this.pieces ??= []).push(take === chunk.length ? chunk : chunk.subarray(0, take));
      this.held += take;
    }
  }
  end() {
    let content;
    if (this.asked) {
      const pieces = this.pieces ?? [];
      const bytes2 = pieces.length === 1 ? pieces[0] : pieces.length === 0 ? EMPTY : Buffer.concat(pieces, this.held);
      content = { bytes: bytes2, truncated: this.held < this.header.size };
    }
    const entry = this.header;
    if (entry.type === "file") entry.sha256 = this.digest ?? this.hash?.digest("hex") ?? EMPTY_SHA256;
    this.pieces = void 0;
    this.visitor.visit(entry, content);
  }
};
var EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// src/read/read-directory.ts
var PARALLEL_READS = 8;
var SMALL_FILE = 256 * 1024;
async function readDirectory(root, visitor, limits) {
  const rootStats = await stat(root);
  let entries = 0;
  let bytes2 = 0;
  const pending = /* @__PURE__ */ new Set();
  let failure;
  const directories = ["."];
  const count2 = () => {
    if (++entries > limits.maxEntries) throw new PackageFormatError(`more than ${limits.maxEntries} entries`);
  };
  new EntrySink(visitor, headerOf(".", rootStats)).end();
  count2();
  for (let relative = directories.pop(); relative !== void 0; relative = directories.pop()) {
    const names = (await readdir(join(root, relative))).sort();
    for (const name of names) {
      const path = relative === "." ? name : `${relative}/${name}`;
      const absolute = join(root, path);
      const stats = await lstat(absolute);
      count2();
      const header = headerOf(path, stats);
      if (header.type === "dir") {
        directories.push(path);
      } else if (header.type === "symlink") {
        header.link = await readlink(absolute);
      }
      if (header.type === "file") {
        bytes2 += header.size;
        if (bytes2 > limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${limits.maxTotalBytes}-byte bound`);
        const reading = readFileEntry(absolute, stats, new EntrySink(visitor, header)).catch((error) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
        }).finally(() => pending.delete(reading));
        pending.add(reading);
        if (pending.size >= PARALLEL_READS) await Promise.race(pending);
        if (failure !== void 0) throw failure;
      } else {
        new EntrySink(visitor, header).end();
      }
    }
  }
  await Promise.all(pending);
  if (failure !== void 0) throw failure;
  return { entries, bytes: bytes2 };
}
function headerOf(path, stats) {
  const header = { path, type: "file", mode: stats.mode & 4095, uid: stats.uid, gid: stats.gid, size: 0 };
  if (stats.isFile()) header.size = stats.size;
  else if (stats.isDirectory()) header.type = "dir";
  else if (stats.isSymbolicLink()) header.type = "symlink";
  else {
    header.type = "other";
    header.special = specialKind(stats);
  }
  return header;
}
function specialKind(stats) {
  if (stats.isFIFO()) return "fifo";
  if (stats.isCharacterDevice()) return "char-device";
  if (stats.isBlockDevice()) return "block-device";
  if (stats.isSocket()) return "socket";
  return "unknown";
}
async function readFileEntry(absolute, listed, sink) {
  const handle = await open2(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const now = await handle.stat();
    if (!now.isFile() || now.ino !== listed.ino || now.dev !== listed.dev) {
      throw new PackageFormatError(`'${absolute}' changed while it was being read`);
    }
    if (listed.size <= SMALL_FILE) {
      const bytes2 = await handle.readFile();
      if (bytes2.length !== listed.size) throw new PackageFormatError(`'${absolute}' changed while it was being read`);
      if (bytes2.length > 0) sink.data(bytes2);
    } else {
      let read = 0;
      for await (const chunk of createReadStream("", { fd: handle, autoClose: false, highWaterMark: 1024 * 1024 })) {
        read += chunk.length;
        sink.data(chunk);
      }
      if (read !== listed.size) throw new PackageFormatError(`'${absolute}' changed while it was being read`);
    }
    sink.end();
  } finally {
    await handle.close();
  }
}

// src/read/read-tar-file.ts
import { createHash as createHash3 } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
import { createGunzip } from "node:zlib";

// src/read/tar-header.ts
import { isUtf8 } from "node:buffer";
var BLOCK = 512;
var NAME_AT = 0;
var LINK_AT = 157;
var PREFIX_AT = 345;
function isZeroBlock(block, offset) {
  for (let i = offset, end = offset + BLOCK; i < end; i++) {
    if (block[i] !== 0) return false;
  }
  return true;
}
function checksumMatches(block, offset) {
  const stored = readNumber(block, offset + 148, 8);
  if (stored === void 0) return false;
  let unsigned = 8 * 32;
  for (let i = offset, end = offset + BLOCK; i < end; i++) unsigned += block[i];
  for (let i = offset + 148, end = offset + 156; i < end; i++) unsigned -= block[i];
  if (stored === unsigned) return true;
  let signed = 8 * 32;
  for (let i = offset, end = offset + BLOCK; i < end; i++) {
    if (i >= offset + 148 && i < offset + 156) continue;
    const byte = block[i];
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === signed;
}
function decodeHeader(block, offset) {
  if (!checksumMatches(block, offset)) {
    throw new PackageFormatError("bad header checksum");
  }
  const size = requireNumber(block, offset + 124, 12, "size");
  const prefixEnd = isPosixUstar(block, offset) ? stringEnd(block, offset + PREFIX_AT, 155) : 0;
  return {
    nameEnd: stringEnd(block, offset + NAME_AT, 100),
    mode: requireNumber(block, offset + 100, 8, "mode"),
    uid: readNumber(block, offset + 108, 8) ?? 0,
    gid: readNumber(block, offset + 116, 8) ?? 0,
    size,
    typeflag: block[offset + 156],
    linkEnd: stringEnd(block, offset + LINK_AT, 100),
    prefixEnd: prefixEnd > offset + PREFIX_AT ? prefixEnd : 0
  };
}
function isPosixUstar(block, offset) {
  return block[offset + 257] === 117 && // u
  block[offset + 258] === 115 && // s
  block[offset + 259] === 116 && // t
  block[offset + 260] === 97 && // a
  block[offset + 261] === 114 && // r
  block[offset + 262] === 0;
}
function stringEnd(block, start, length) {
  let end = start;
  const limit = start + length;
  while (end < limit && block[end] !== 0) end++;
  return end;
}
function requireNumber(block, start, length, field) {
  const value = readNumber(block, start, length);
  if (value === void 0) throw new PackageFormatError(`header field '${field}' is not a number`);
  return value;
}
function readNumber(block, start, length) {
  const first = block[start];
  if (first & 128) {
    if (first === 255) return void 0;
    let value2 = first & 127;
    for (let i2 = start + 1; i2 < start + length; i2++) {
      value2 = value2 * 256 + block[i2];
      if (value2 > Number.MAX_SAFE_INTEGER) return void 0;
    }
    return value2;
  }
  let i = start;
  const end = start + length;
  while (i < end && (block[i] === 32 || block[i] === 0)) i++;
  if (i === end) return 0;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = block[i];
    if (c === 32 || c === 0) break;
    if (c < 48 || c > 55) return void 0;
    value = value * 8 + (c - 48);
    digits++;
  }
  for (; i < end; i++) {
    const c = block[i];
    if (c !== 32 && c !== 0) return void 0;
  }
  return digits > 0 ? value : 0;
}
function decodeName(bytes2, start = 0, end = bytes2.length) {
  for (let i = start; i < end; i++) {
    if (bytes2[i] >= 128) {
      return { text: bytes2.toString("utf8", start, end), bad: !isUtf8(bytes2.subarray(start, end)) };
    }
  }
  return { text: bytes2.toString("latin1", start, end), bad: false };
}

// src/read/pax.ts
function parsePax(data, into = {}) {
  let offset = 0;
  while (offset < data.length) {
    if (data[offset] === 0) break;
    const space = data.indexOf(32, offset);
    if (space < 0 || space - offset > 20) throw new PackageFormatError("corrupt PAX record: no length");
    const length = Number(data.toString("latin1", offset, space));
    const end = offset + length;
    if (!Number.isInteger(length) || length <= space - offset + 1 || end > data.length || data[end - 1] !== 10) {
      throw new PackageFormatError("corrupt PAX record: bad length");
    }
    const equals = data.indexOf(61, space + 1);
    if (equals < 0 || equals >= end) throw new PackageFormatError("corrupt PAX record: no key");
    const key = data.toString("utf8", space + 1, equals);
    const value = data.subarray(equals + 1, end - 1);
    applyRecord(into, key, value);
    offset = end;
  }
  return into;
}
function applyRecord(fields, key, value) {
  switch (key) {
    case "path":
      fields.path = Buffer.from(value);
      break;
    case "linkpath":
      fields.linkpath = Buffer.from(value);
      break;
    case "size":
      fields.size = decimal(value, key);
      break;
    case "uid":
      fields.uid = decimal(value, key);
      break;
    case "gid":
      fields.gid = decimal(value, key);
      break;
    default:
      break;
  }
}
function decimal(value, key) {
  const text = value.toString("latin1");
  if (!/^\d{1,16}$/.test(text)) throw new PackageFormatError(`corrupt PAX record: ${key} is not a number`);
  const number = Number(text);
  if (!Number.isSafeInteger(number)) throw new PackageFormatError(`corrupt PAX record: ${key} is too large`);
  return number;
}

// src/read/stored-path.ts
function storedPath(name) {
  let start = 0;
  while (name.startsWith("./", start)) {
    start += 2;
    while (name[start] === "/") start++;
  }
  let end = name.length;
  while (end > start && name[end - 1] === "/") end--;
  if (end === start) return name.length > 0 && name[0] === "/" ? "/" : ".";
  const path = name.slice(start, end);
  return path === "." ? "." : path;
}

// src/read/tar-parser.ts
var CHAR = (c) => c.charCodeAt(0);
var T_FILE = CHAR("0");
var T_AFILE = 0;
var T_HARDLINK = CHAR("1");
var T_SYMLINK = CHAR("2");
var T_CHAR = CHAR("3");
var T_BLOCK = CHAR("4");
var T_DIR = CHAR("5");
var T_FIFO = CHAR("6");
var T_CONTIGUOUS = CHAR("7");
var T_PAX = CHAR("x");
var T_PAX_GLOBAL = CHAR("g");
var T_GNU_LONGNAME = CHAR("L");
var T_GNU_LONGLINK = CHAR("K");
var T_GNU_DUMPDIR = CHAR("D");
var T_GNU_SPARSE = CHAR("S");
var TarParser = class {
  constructor(visitor, limits) {
    this.visitor = visitor;
    this.limits = limits;
  }
  visitor;
  limits;
  state = 0 /* Header */;
  remaining = 0;
  padding = 0;
  /** The bytes being skipped are only the padding after complete content. */
  onlyPadding = false;
  sink;
  carry = Buffer.alloc(BLOCK);
  carryLength = 0;
  position = 0;
  zeroBlocks = 0;
  ended = false;
  meta;
  metaLength = 0;
  metaKind = 0 /* PaxLocal */;
  local = {};
  hasLocal = false;
  global = {};
  longName;
  longLink;
  current = "";
  entries = 0;
  bytes = 0;
  write(chunk) {
    let offset = 0;
    const length = chunk.length;
    while (offset < length && !this.ended) {
      switch (this.state) {
        case 1 /* Data */: {
          const n = Math.min(this.remaining, length - offset);
          this.sink.data(offset === 0 && n === length ? chunk : chunk.subarray(offset, offset + n));
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.sink.end();
            this.sink = void 0;
            this.skip(this.padding, true);
          }
          break;
        }
        case 2 /* Skip */: {
          const n = Math.min(this.remaining, length - offset);
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = 0 /* Header */;
          break;
        }
        case 3 /* Meta */: {
          const meta = this.meta;
          const n = Math.min(this.remaining, length - offset);
          chunk.copy(meta, this.metaLength, offset, offset + n);
          this.metaLength += n;
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.applyMeta(meta);
            this.skip(this.padding, true);
          }
          break;
        }
        case 0 /* Header */:
        case 4 /* SparseExtension */: {
          let block;
          let at;
          if (this.carryLength > 0 || length - offset < BLOCK) {
            const n = Math.min(BLOCK - this.carryLength, length - offset);
            chunk.copy(this.carry, this.carryLength, offset, offset + n);
            this.carryLength += n;
            offset += n;
            if (this.carryLength < BLOCK) break;
            this.carryLength = 0;
            block = this.carry;
            at = 0;
          } else {
            block = chunk;
            at = offset;
            offset += BLOCK;
          }
          const blockStart = this.position + offset - BLOCK;
          if (this.state === 4 /* SparseExtension */) {
            if (block[at + 504] === 0) this.skip(this.remaining);
          } else {
            this.header(block, at, blockStart);
          }
          break;
        }
      }
    }
    this.position += length;
  }
  /** The input is complete: anything but a header boundary means the archive was cut short. */
  end() {
    if (this.ended) return;
    if (this.state === 1 /* Data */ || this.state === 3 /* Meta */ || this.state === 2 /* Skip */ && !this.onlyPadding) {
      throw new PackageFormatError(`the archive ends inside '${this.current}' (${this.remaining} bytes missing)`);
    }
    if (this.carryLength > 0 || this.state === 4 /* SparseExtension */) {
      throw new PackageFormatError("the archive ends inside a header");
    }
  }
  skip(bytes2, onlyPadding = false) {
    this.onlyPadding = onlyPadding;
    this.remaining = bytes2;
    this.state = bytes2 > 0 ? 2 /* Skip */ : 0 /* Header */;
  }
  header(block, at, blockStart) {
    if (block[at] === 0 && isZeroBlock(block, at)) {
      if (++this.zeroBlocks >= 2) this.ended = true;
      return;
    }
    this.zeroBlocks = 0;
    let raw;
    try {
      raw = decodeHeader(block, at);
    } catch (error) {
      const what = error instanceof Error ? error.message : String(error);
      throw new PackageFormatError(
        this.entries === 0 && blockStart === 0 ? `not a tar archive (${what})` : `${what} at byte ${blockStart}`
      );
    }
    const type = raw.typeflag;
    if (type === T_PAX || type === T_PAX_GLOBAL || type === T_GNU_LONGNAME || type === T_GNU_LONGLINK) {
      this.startMeta(raw, type);
      return;
    }
    this.entry(raw, type, block, at);
  }
  startMeta(raw, type) {
    const isName = type === T_GNU_LONGNAME || type === T_GNU_LONGLINK;
    const bound = isName ? this.limits.maxNameBytes : this.limits.maxPaxBytes;
    if (raw.size > bound) {
      throw new PackageFormatError(`a ${isName ? "GNU long name" : "PAX header"} of ${raw.size} bytes is over the ${bound}-byte bound`);
    }
    this.metaKind = type === T_PAX ? 0 /* PaxLocal */ : type === T_PAX_GLOBAL ? 1 /* PaxGlobal */ : type === T_GNU_LONGNAME ? 2 /* LongName */ : 3 /* LongLink */;
    this.meta = Buffer.allocUnsafe(raw.size);
    this.metaLength = 0;
    this.padding = padding(raw.size);
    this.current = "an extended header";
    if (raw.size === 0) {
      this.applyMeta(this.meta);
      this.skip(0);
    } else {
      this.remaining = raw.size;
      this.state = 3 /* Meta */;
    }
  }
  applyMeta(meta) {
    switch (this.metaKind) {
      case 0 /* PaxLocal */:
        parsePax(meta, this.local);
        this.hasLocal = true;
        break;
      case 1 /* PaxGlobal */:
        parsePax(meta, this.global);
        break;
      case 2 /* LongName */:
        this.longName = trimNul(meta);
        break;
      case 3 /* LongLink */:
        this.longLink = trimNul(meta);
        break;
    }
    this.meta = void 0;
  }
  entry(raw, typeflag, block, at) {
    const local = this.local;
    const global = this.global;
    const longName = local.path ?? this.longName ?? global.path;
    const linkBytes = local.linkpath ?? this.longLink ?? global.linkpath;
    const longest = Math.max(longName?.length ?? 0, linkBytes?.length ?? 0);
    if (longest > this.limits.maxNameBytes) {
      throw new PackageFormatError(`an entry name of ${longest} bytes is over the ${this.limits.maxNameBytes}-byte bound`);
    }
    const name = entryName(raw, block, at, longName);
    const size = local.size ?? global.size ?? raw.size;
    const uid = local.uid ?? global.uid ?? raw.uid;
    const gid = local.gid ?? global.gid ?? raw.gid;
    if (this.hasLocal) {
      this.local = {};
      this.hasLocal = false;
    }
    this.longName = void 0;
    this.longLink = void 0;
    if (++this.entries > this.limits.maxEntries) {
      throw new PackageFormatError(`more than ${this.limits.maxEntries} entries`);
    }
    const path = storedPath(name.text);
    this.current = path;
    const header = { path, type: "file", mode: raw.mode & 4095, uid, gid, size: 0 };
    if (name.bad) header.badName = true;
    let dataBytes = size;
    let hashed = false;
    switch (typeflag) {
      case T_FILE:
      case T_AFILE:
        if (typeflag === T_AFILE && name.text.endsWith("/")) {
          header.type = "dir";
          dataBytes = 0;
        } else {
          header.size = size;
          hashed = true;
        }
        break;
      case T_HARDLINK:
        header.type = "hardlink";
        dataBytes = 0;
        break;
      case T_SYMLINK:
        header.type = "symlink";
        break;
      case T_DIR:
        header.type = "dir";
        dataBytes = 0;
        break;
      case T_GNU_DUMPDIR:
        header.type = "dir";
        break;
      default:
        header.type = "other";
        header.special = specialKind2(typeflag);
        break;
    }
    if (header.type === "symlink" || header.type === "hardlink") {
      header.link = linkBytes ? decodeName(linkBytes).text : decodeName(block, at + LINK_AT, raw.linkEnd).text;
    }
    if (hashed) {
      this.bytes += size;
      if (this.bytes > this.limits.maxTotalBytes) {
        throw new PackageFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
      }
    }
    const sink = new EntrySink(this.visitor, header);
    if (typeflag === T_GNU_SPARSE && block[at + 482] !== 0) {
      sink.end();
      this.state = 4 /* SparseExtension */;
      this.remaining = dataBytes + padding(dataBytes);
      return;
    }
    if (hashed && dataBytes > 0) {
      this.sink = sink;
      this.remaining = dataBytes;
      this.padding = padding(dataBytes);
      this.state = 1 /* Data */;
      return;
    }
    sink.end();
    this.skip(dataBytes + padding(dataBytes));
  }
};
function entryName(raw, block, at, long) {
  if (long) return decodeName(long);
  const name = decodeName(block, at + NAME_AT, raw.nameEnd);
  if (raw.prefixEnd === 0) return name;
  const prefix = decodeName(block, at + PREFIX_AT, raw.prefixEnd);
  return { text: `${prefix.text}/${name.text}`, bad: prefix.bad || name.bad };
}
function padding(size) {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}
function trimNul(bytes2) {
  const nul = bytes2.indexOf(0);
  return Buffer.from(nul >= 0 ? bytes2.subarray(0, nul) : bytes2);
}
function specialKind2(typeflag) {
  switch (typeflag) {
    case T_CHAR:
      return "char-device";
    case T_BLOCK:
      return "block-device";
    case T_FIFO:
      return "fifo";
    case T_CONTIGUOUS:
      return "contiguous";
    default:
      return "unknown";
  }
}

// src/read/read-tar-file.ts
var FILE_CHUNK = 1024 * 1024;
var INFLATE_CHUNK = 256 * 1024;
var INFLATE_AHEAD = 1024 * 1024;
async function readTarFile(path, compressed, visitor, limits) {
  const parser = new TarParser(visitor, limits);
  const input = createReadStream2(path, { highWaterMark: FILE_CHUNK });
  try {
    if (compressed) {
      const packageHash = createHash3("sha256");
      input.on("data", (chunk) => packageHash.update(chunk));
      const options2 = { chunkSize: INFLATE_CHUNK, highWaterMark: INFLATE_AHEAD };
      const gunzip = createGunzip(options2);
      input.on("error", (error) => gunzip.destroy(error));
      input.pipe(gunzip);
      try {
        for await (const chunk of gunzip) parser.write(chunk);
      } finally {
        gunzip.destroy();
      }
      parser.end();
      return { sha256: packageHash.digest("hex"), entries: parser.entries, bytes: parser.bytes };
    }
    const fileHash = createHash3("sha256");
    for await (const chunk of input) {
      fileHash.update(chunk);
      parser.write(chunk);
    }
    parser.end();
    return { sha256: fileHash.digest("hex"), entries: parser.entries, bytes: parser.bytes };
  } finally {
    input.destroy();
  }
}

// src/read/read-zip.ts
var yauzl = __toESM(require_yauzl(), 1);
var S_IFMT = 61440;
var UNIX_TYPES = /* @__PURE__ */ new Map([
  [32768, "file"],
  [16384, "dir"],
  [40960, "symlink"]
]);
var UNIX_SPECIALS = /* @__PURE__ */ new Map([
  [4096, "fifo"],
  [8192, "char-device"],
  [24576, "block-device"],
  [49152, "socket"]
]);
var MADE_BY_UNIX = /* @__PURE__ */ new Set([3, 19]);
var DOS_DIRECTORY = 16;
var UTF8_FLAG = 2048;
var EXTRA_UNIX_OWNER = 30837;
var EXTRA_UNICODE_PATH = 28789;
async function readZip(source, visitor, limits) {
  const options2 = { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true, strictFileNames: true };
  const zip = typeof source === "string" ? await yauzl.openPromise(source, options2) : await yauzl.fromBufferPromise(source, options2);
  let entries = 0;
  let bytes2 = 0;
  try {
    for await (const raw of zip.eachEntry()) {
      if (++entries > limits.maxEntries) throw new PackageFormatError(`more than ${limits.maxEntries} entries`);
      const header = describeEntry(raw, limits);
      if (header.type === "file") {
        bytes2 += header.size;
        if (bytes2 > limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${limits.maxTotalBytes}-byte bound`);
      }
      if (header.type === "symlink") header.link = await readLinkTarget(zip, raw, header.path, limits);
      const sink = new EntrySink(visitor, header);
      if (header.type === "file" && header.size > 0) {
        const stream = await openContent(zip, raw, header.path);
        for await (const chunk of stream) sink.data(chunk);
      }
      sink.end();
    }
  } finally {
    zip.close();
  }
  return { entries, bytes: bytes2 };
}
function describeEntry(raw, limits) {
  const nameBytes = raw.fileNameRaw;
  if (nameBytes.length > limits.maxNameBytes) {
    throw new PackageFormatError(`an entry name of ${nameBytes.length} bytes is over the ${limits.maxNameBytes}-byte bound`);
  }
  const { text, bad } = entryName2(raw);
  const path = storedPath(text);
  const unix = MADE_BY_UNIX.has(raw.versionMadeBy >> 8) ? raw.externalFileAttributes >>> 16 : 0;
  const format = unix & S_IFMT;
  const special = UNIX_SPECIALS.get(format);
  let type;
  if (special) type = "other";
  else type = UNIX_TYPES.get(format) ?? (text.endsWith("/") || raw.externalFileAttributes & DOS_DIRECTORY ? "dir" : "file");
  const permissions = unix & 4095;
  const mode = permissions !== 0 ? permissions : type === "dir" ? 493 : 420;
  const header = { path, type, mode, size: type === "file" ? raw.uncompressedSize : 0 };
  const owner = unixOwner(raw.extraFields);
  if (owner) {
    header.uid = owner.uid;
    header.gid = owner.gid;
  }
  if (special) header.special = special;
  if (bad) header.badName = true;
  return header;
}
function entryName2(raw) {
  const declaredUtf8 = (raw.generalPurposeBitFlag & UTF8_FLAG) !== 0;
  const hasUnicodeExtra = raw.extraFields.some((field) => field.id === EXTRA_UNICODE_PATH);
  if (declaredUtf8) return decodeName(raw.fileNameRaw);
  if (!hasUnicodeExtra) {
    const utf8 = decodeName(raw.fileNameRaw);
    if (!utf8.bad) return utf8;
  }
  return { text: yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, true), bad: false };
}
function unixOwner(fields) {
  const field = fields.find((candidate) => candidate.id === EXTRA_UNIX_OWNER);
  if (!field || field.data.length < 3 || field.data[0] !== 1) return void 0;
  const data = field.data;
  const uidSize = data[1];
  const gidAt = 2 + uidSize;
  if (uidSize > 6 || gidAt >= data.length) return void 0;
  const gidSize = data[gidAt];
  if (gidSize > 6 || gidAt + 1 + gidSize > data.length) return void 0;
  return {
    uid: uidSize === 0 ? 0 : data.readUIntLE(2, uidSize),
    gid: gidSize === 0 ? 0 : data.readUIntLE(gidAt + 1, gidSize)
  };
}
async function openContent(zip, raw, path) {
  if (raw.isEncrypted()) throw new PackageFormatError(`entry '${path}' is encrypted`);
  if (!raw.canDecodeFileData()) {
    throw new PackageFormatError(`entry '${path}' uses compression method ${raw.compressionMethod}, only stored and deflate can be read`);
  }
  return zip.openReadStreamPromise(raw);
}
async function readLinkTarget(zip, raw, path, limits) {
  if (raw.uncompressedSize > limits.maxNameBytes) {
    throw new PackageFormatError(`the link target of '${path}' is over the ${limits.maxNameBytes}-byte bound`);
  }
  const pieces = [];
  for await (const chunk of await openContent(zip, raw, path)) pieces.push(chunk);
  return decodeName(Buffer.concat(pieces)).text;
}

// src/read/read-package.ts
var REBUILD = "re-create the package, or check that its upload or download finished";
async function readPackage(target, visitor, limits) {
  const stats = await stat2(target).catch((error) => {
    throw fileError(target, error);
  });
  if (stats.isDirectory()) {
    const result2 = await guard(target, "dir", () => readDirectory(target, visitor, limits));
    return { format: "dir", sha256: void 0, ...result2 };
  }
  if (!stats.isFile()) {
    throw new ScanError(`${target} is not a regular file or a directory; pass a .tar, .tar.gz, .tgz or .zip package, or a directory`);
  }
  if (stats.size === 0) throw new ScanError(`${target} is empty (0 bytes); ${REBUILD}`);
  const format = detectFormat(target, await firstBlock(target));
  if (format === "zip") {
    const [result2, sha256] = await Promise.all([guard(target, format, () => readZip(target, visitor, limits)), hashFile(target)]);
    return { format, sha256, ...result2 };
  }
  const result = await guard(target, format, () => readTarFile(target, format === "tar.gz", visitor, limits));
  return { format, ...result };
}
async function firstBlock(target) {
  const handle = await open3(target, "r").catch((error) => {
    throw fileError(target, error);
  });
  try {
    const block = Buffer.alloc(BLOCK);
    const { bytesRead } = await handle.read(block, 0, BLOCK, 0);
    return block.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
var OTHER_FORMATS = [
  ["bzip2", [66, 90, 104]],
  ["xz", [253, 55, 122, 88, 90, 0]],
  ["zstd", [40, 181, 47, 253]],
  ["7-Zip", [55, 122, 188, 175, 39, 28]],
  ["RAR", [82, 97, 114, 33, 26, 7]]
];
function detectFormat(target, head) {
  if (head[0] === 31 && head[1] === 139) return "tar.gz";
  if (head[0] === 80 && head[1] === 75 && [772, 1286, 1800].includes((head[2] ?? 0) << 8 | (head[3] ?? 0))) return "zip";
  if (head.length === BLOCK && (checksumMatches(head, 0) || isZeroBlock(head, 0))) return "tar";
  const other = OTHER_FORMATS.find(([, magic]) => magic.every((byte, i) => head[i] === byte));
  if (other) {
    throw new ScanError(`${target} is ${other[0]}-compressed; release-gate reads .tar, .tar.gz, .tgz and .zip: repack it with gzip or zip`);
  }
  const start = [...head.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
  throw new ScanError(`${target} is not a .tar, .tar.gz, .tgz or .zip package (it starts with bytes ${start}); pass a release package or a directory`);
}
async function guard(target, format, read) {
  let result;
  try {
    result = await read();
  } catch (error) {
    throw readError(target, format, error);
  }
  if (result.entries === 0 || format === "dir" && result.entries === 1) {
    throw new ScanError(`${target} holds no entries; check the step that built the package`);
  }
  return result;
}
function readError(target, format, error) {
  if (error instanceof ScanError) return error;
  if (error instanceof PackageFormatError) {
    const what = format === "dir" ? "directory" : `${format} package`;
    return new ScanError(`${target}: ${error.message}; the ${what} is damaged or hostile: ${REBUILD}`, { cause: error });
  }
  const code = error.code;
  const message = error instanceof Error ? oneLine(error.message) : String(error);
  if (code === "Z_BUF_ERROR" || message === "unexpected end of file") {
    return new ScanError(`${target} is truncated: the gzip stream ends early; ${REBUILD}`, { cause: error });
  }
  if (typeof code === "string" && code.startsWith("Z_")) {
    return new ScanError(`${target} is corrupt: the gzip stream is damaged (${message}); ${REBUILD}`, { cause: error });
  }
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return fileError(target, error);
  if (format === "zip") {
    return new ScanError(`${target} is not a readable zip (${message}); ${REBUILD}`, { cause: error });
  }
  return new ScanError(`${target} could not be read (${message}); ${REBUILD}`, { cause: error });
}
function fileError(target, error) {
  const code = error.code;
  const path = error.path;
  const where = typeof path === "string" && path !== target ? `${path} (in ${target})` : target;
  switch (code) {
    case "ENOENT":
      return new ScanError(`${where} does not exist; pass the path of a .tar, .tar.gz, .tgz or .zip package, or of a directory`, { cause: error });
    case "EACCES":
    case "EPERM":
      return new ScanError(`cannot read ${where}: permission denied; run the scan as a user who can read the whole package`, { cause: error });
    case "ELOOP":
      return new ScanError(`${where} is a loop of symbolic links; pass the package itself`, { cause: error });
    default: {
      const message = error instanceof Error ? oneLine(error.message) : String(error);
      return new ScanError(`cannot read ${where} (${message}); check the path and its permissions`, { cause: error });
    }
  }
}
async function hashFile(path) {
  const hash = createHash4("sha256");
  for await (const chunk of createReadStream3(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk);
  return hash.digest("hex");
}

// src/report/manifest-digest.ts
import { createHash as createHash5 } from "node:crypto";
function manifestDigest(files) {
  const hash = createHash5("sha256");
  for (const file of files) {
    hash.update(
      `${file.path}\0${file.type}\0${file.mode}\0${file.uid ?? ""}\0${file.gid ?? ""}\0${file.size ?? ""}\0${file.sha256 ?? ""}\0${file.link ?? ""}
`
    );
  }
  return hash.digest("hex");
}

// src/report/verdict.ts
function decideVerdict(findings) {
  if (findings.some((finding) => finding.blocking)) return "fail";
  return findings.length > 0 ? "warn" : "pass";
}

// src/version.ts
var TOOL_NAME = "release-gate";
var TOOL_VERSION = "0.1.0";

// src/scan.ts
async function scan(options2) {
  const limits = { ...DEFAULT_LIMITS, ...options2.limits };
  const analyzers = [new InventoryAnalyzer(), ...contentChecks()];
  const pass = new PackagePass(analyzers);
  const read = await readPackage(options2.target, pass, limits);
  const files = pass.files();
  const packages = [];
  const findings = [];
  for (const analyzer of analyzers) {
    const result = analyzer.finish();
    packages.push(...result.packages ?? []);
    findings.push(...result.findings ?? []);
  }
  for (const check of MANIFEST_CHECKS) findings.push(...check.check({ files, root: pass.root }));
  const target = {
    path: options2.target,
    format: read.format,
    sha256: read.sha256 ?? manifestDigest(files),
    files: files.length,
    bytes: read.bytes
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    target,
    baseline: null,
    files,
    packages,
    findings,
    verdict: decideVerdict(findings)
  };
}

// src/cli/terminal.ts
var LISTED_FINDINGS = 20;
function renderTerminal(report) {
  const { target } = report;
  const lines = [
    `package   ${printable(target.path)} (${target.format}, ${plural(target.files, "entry", "entries")}, ${bytes(target.bytes)})`,
    `sha256    ${target.sha256}`
  ];
  if (report.baseline) lines.push(`baseline  ${printable(report.baseline.path)} (${report.baseline.format})`);
  lines.push(`packages  ${packageCounts(report)}`);
  lines.push(`findings  ${findingCounts(report)}`);
  const shown = [...report.findings].sort((a, b) => Number(b.blocking) - Number(a.blocking)).slice(0, LISTED_FINDINGS);
  for (const finding of shown) {
    const where = finding.path ? `  ${printable(finding.path)}` : "";
    lines.push(`  ${finding.blocking ? "BLOCK" : "note "}  ${finding.severity.padEnd(8)} ${finding.kind.padEnd(14)} ${printable(finding.title)}${where}`);
  }
  if (report.findings.length > shown.length) {
    lines.push(`  \u2026 and ${count(report.findings.length - shown.length)} more in the report (--report, --summary)`);
  }
  lines.push(verdictLine(report));
  return `${lines.join("\n")}
`;
}
function packageCounts(report) {
  if (report.packages.length === 0) return "none found";
  const byEcosystem = /* @__PURE__ */ new Map();
  for (const pkg of report.packages) byEcosystem.set(pkg.ecosystem, (byEcosystem.get(pkg.ecosystem) ?? 0) + 1);
  const parts = [...byEcosystem].sort(([a], [b]) => a < b ? -1 : 1).map(([ecosystem, n]) => `${ecosystem} ${count(n)}`);
  return `${count(report.packages.length)} (${parts.join(", ")})`;
}
function findingCounts(report) {
  if (report.findings.length === 0) return "none";
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const fresh = report.findings.filter((finding) => finding.status === "new").length;
  return `${count(report.findings.length)} (${count(blocking)} blocking, ${count(fresh)} new)`;
}

// src/cli/main.ts
var EXIT_PASS = 0;
var EXIT_FAIL = 1;
var EXIT_ERROR = 2;
async function main(argv2, io) {
  const debug = argv2.includes("--debug");
  try {
    const command = parseCommandLine(argv2);
    switch (command.command) {
      case "help":
        io.stdout(command.topic === "scan" ? SCAN_HELP : MAIN_HELP);
        return EXIT_PASS;
      case "version":
        io.stdout(`${TOOL_NAME} ${TOOL_VERSION}
`);
        return EXIT_PASS;
      case "scan":
        return await runScan(command.options, io);
    }
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${describeFailure(error)}
`);
    if (debug && error instanceof Error) io.stderr(`${error.stack ?? ""}
${causeChain(error)}`);
    return EXIT_ERROR;
  }
}
async function runScan(options2, io) {
  refuseUnavailable(options2);
  const started = performance.now();
  const report = await scan({ target: options2.target });
  if (options2.report) await writeJsonReport(options2.report, report);
  if (options2.summary) await writeOutput(options2.summary, renderMarkdown(report), "the summary");
  io.stdout(options2.quiet ? `${verdictLine(report)}
` : renderTerminal(report));
  if (options2.debug) {
    const gc = process.execArgv.includes("--single-threaded-gc") ? ", relaunched with single-threaded GC" : "";
    io.stderr(`scan took ${((performance.now() - started) / 1e3).toFixed(2)} s${gc}
`);
  }
  return exitStatus(report);
}
function exitStatus(report) {
  return report.verdict === "fail" ? EXIT_FAIL : EXIT_PASS;
}
function refuseUnavailable(options2) {
  const later = [];
  if (options2.baseline !== void 0) later.push("--baseline");
  if (options2.advisories.length > 0) later.push("--advisories");
  if (options2.config !== void 0) later.push("--config");
  if (options2.sarif !== void 0) later.push("--sarif");
  if (options2.sbom !== void 0) later.push("--sbom");
  if (later.length > 0) {
    throw new ScanError(`${later.join(", ")} ${later.length === 1 ? "comes" : "come"} in a later version of release-gate; run the scan without ${later.length === 1 ? "it" : "them"}`);
  }
}
function causeChain(error) {
  let text = "";
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) text += `caused by: ${cause.stack ?? cause.message}
`;
  return text;
}

// src/cli/index.ts
var argv = process.argv.slice(2);
var relaunched = worthRelaunching(scanTarget()) ? await relaunchForThroughput() : void 0;
process.exitCode = relaunched ?? await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
});
function scanTarget() {
  try {
    const command = parseCommandLine(argv);
    return command.command === "scan" ? command.options.target : void 0;
  } catch {
    return void 0;
  }
}
//# sourceMappingURL=cli.js.map
