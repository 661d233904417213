#include "ingest/input_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstring>
#include <iostream>

namespace kg {

namespace {

constexpr size_t kBufferSize = 1 << 16;

bool EndsWithGz(std::string_view name) {
  if (name.size() < 3) return false;
  const std::string_view tail = name.substr(name.size() - 3);
  return tail[0] == '.' && (tail[1] == 'g' || tail[1] == 'G') && (tail[2] == 'z' || tail[2] == 'Z');
}

}  // namespace

std::string_view WithoutGzipSuffix(std::string_view name) {
  return EndsWithGz(name) ? name.substr(0, name.size() - 3) : name;
}

// Reads a file descriptor (closed at the end), or another stream buffer
// (standard input: std::cin's, so that a caller may redirect it), through its
// own buffer, counting the bytes and keeping the first read error.
class InputStream::CountingBuf : public std::streambuf {
 public:
  CountingBuf(int fd, std::streambuf* source, std::atomic<uint64_t>* counter)
      : fd_(fd), source_(source), counter_(counter) {
    setg(buffer_, buffer_, buffer_);
  }
  ~CountingBuf() override {
    if (fd_ >= 0) ::close(fd_);
  }

  // Whether the input starts with the gzip magic bytes (1f 8b); reads ahead
  // without consuming anything.
  bool StartsWithGzipMagic() {
    while (egptr() - gptr() < 2 && Fill()) {
    }
    return egptr() - gptr() >= 2 && static_cast<unsigned char>(gptr()[0]) == 0x1f &&
           static_cast<unsigned char>(gptr()[1]) == 0x8b;
  }
  const std::string& error() const { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() == egptr() && !Fill()) return traits_type::eof();
    return traits_type::to_int_type(*gptr());
  }

 private:
  // Appends what one read gives after the unread bytes; false at the end of
  // input or on an error.
  bool Fill() {
    const size_t unread = static_cast<size_t>(egptr() - gptr());
    if (unread > 0 && gptr() != buffer_) std::memmove(buffer_, gptr(), unread);
    setg(buffer_, buffer_, buffer_ + unread);
    if (done_ || unread == sizeof buffer_) return false;
    ssize_t n;
    if (source_ != nullptr) {
      n = static_cast<ssize_t>(source_->sgetn(buffer_ + unread, sizeof buffer_ - unread));
    } else {
      do {
        n = ::read(fd_, buffer_ + unread, sizeof buffer_ - unread);
      } while (n < 0 && errno == EINTR);
    }
    if (n <= 0) {
      if (n < 0) error_ = std::strerror(errno);
      done_ = true;
      return false;
    }
    counter_->fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
    setg(buffer_, buffer_, buffer_ + unread + n);
    return true;
  }

  int fd_;
  std::streambuf* source_;
  std::atomic<uint64_t>* counter_;
  bool done_ = false;
  std::string error_;
  char buffer_[kBufferSize];
};

// Inflates gzip members (zlib's automatic header detection) read from
// another buffer.
class InputStream::GzipBuf : public std::streambuf {
 public:
  explicit GzipBuf(std::streambuf* source) : source_(source) {
    std::memset(&zs_, 0, sizeof zs_);
    if (inflateInit2(&zs_, 15 + 32) != Z_OK) {
      error_ = "cannot start decompression (out of memory)";
      done_ = true;
    }
    setg(out_, out_, out_);
  }
  ~GzipBuf() override { inflateEnd(&zs_); }
  const std::string& error() const { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    zs_.next_out = reinterpret_cast<Bytef*>(out_);
    zs_.avail_out = sizeof out_;
    while (!done_ && zs_.avail_out == sizeof out_) {
      if (zs_.avail_in == 0) {
        const std::streamsize n = source_->sgetn(in_, sizeof in_);
        if (n <= 0) {
          if (in_member_) {
            error_ = "unexpected end of compressed data after " + std::to_string(compressed_) +
                     " bytes (is the file cut short?)";
          }
          done_ = true;
          break;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_);
        zs_.avail_in = static_cast<uInt>(n);
      }
      in_member_ = true;
      const uInt before = zs_.avail_in;
      const int r = inflate(&zs_, Z_NO_FLUSH);
      compressed_ += before - zs_.avail_in;
      if (r == Z_STREAM_END) {
        // One member ends; another may follow (concatenated files).
        in_member_ = false;
        inflateReset(&zs_);
      } else if (r != Z_OK && r != Z_BUF_ERROR) {
        error_ = std::string("corrupt compressed data near byte ") + std::to_string(compressed_) +
                 (zs_.msg ? std::string(" (") + zs_.msg + ")" : std::string());
        done_ = true;
      }
    }
    setg(out_, out_, reinterpret_cast<char*>(zs_.next_out));
    if (gptr() == egptr()) return traits_type::eof();
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::streambuf* source_;
  z_stream zs_;
  bool in_member_ = false;
  bool done_ = false;
  uint64_t compressed_ = 0;
  std::string error_;
  char in_[kBufferSize];
  char out_[4 * kBufferSize];
};

Result<std::unique_ptr<InputStream>> InputStream::Open(const std::string& path) {
  std::unique_ptr<InputStream> input(new InputStream(path));
  int fd = -1;
  if (path != "-") {
    do {
      fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
      const int err = errno;
      const std::string msg = path + ": " + std::strerror(err);
      return err == ENOENT ? Status::NotFound(msg) : Status::IOError(msg);
    }
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      return Status::IOError(path + ": is a directory, not an article file");
    }
  }
  input->counting_ = std::make_unique<CountingBuf>(fd, path == "-" ? std::cin.rdbuf() : nullptr,
                                                   &input->raw_bytes_);
  if (input->counting_->StartsWithGzipMagic()) {
    input->gzip_ = std::make_unique<GzipBuf>(input->counting_.get());
    input->stream_ = std::make_unique<std::istream>(input->gzip_.get());
  } else {
    input->stream_ = std::make_unique<std::istream>(input->counting_.get());
  }
  return input;
}

InputStream::InputStream(std::string name) : name_(std::move(name)) {}
InputStream::~InputStream() = default;

bool InputStream::compressed() const {
  return gzip_ != nullptr;
}

std::string InputStream::error() const {
  const std::string label = name_ == "-" ? "<stdin>" : name_;
  if (!counting_->error().empty()) return label + ": read failed: " + counting_->error();
  if (gzip_ && !gzip_->error().empty()) return label + ": " + gzip_->error();
  return "";
}

}  // namespace kg
