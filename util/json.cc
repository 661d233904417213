#include "util/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>

#include "util/file.h"

namespace kg {

namespace {

constexpr unsigned kParseFlags = rapidjson::kParseValidateEncodingFlag;

std::string PointerString(const rapidjson::Pointer& pointer) {
  rapidjson::StringBuffer sb;
  pointer.Stringify(sb);
  return sb.GetString();
}

std::string FieldName(const std::string& pointer) {
  return pointer.empty() ? std::string("the document") : "field " + pointer;
}

std::string JsonTypeName(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "boolean";
    case rapidjson::kObjectType:
      return "object";
    case rapidjson::kArrayType:
      return "array";
    case rapidjson::kStringType:
      return "string";
    case rapidjson::kNumberType:
      return v.IsInt64() || v.IsUint64() ? "integer" : "number";
  }
  return "value";
}

// Renders the schema's "type" keyword: "string" or "string or null".
std::string ExpectedTypes(const rapidjson::Value& schema) {
  auto it = schema.FindMember("type");
  if (it == schema.MemberEnd()) return "another type";
  if (it->value.IsString()) return it->value.GetString();
  std::string out;
  if (it->value.IsArray()) {
    for (const auto& t : it->value.GetArray()) {
      if (!t.IsString()) continue;
      if (!out.empty()) out += " or ";
      out += t.GetString();
    }
  }
  return out.empty() ? "another type" : out;
}

std::string NumberText(const rapidjson::Value& v) {
  return JsonSnippet(v);
}

// What the schema node at the failing keyword expected, phrased for a person.
std::string DescribeViolation(const char* keyword, const rapidjson::Value* schema,
                              bool schema_is_root, const rapidjson::Value* value,
                              const std::string& pointer) {
  const std::string k = keyword ? keyword : "";
  const std::string field = FieldName(pointer);
  auto member = [&](const char* name) -> const rapidjson::Value* {
    if (!schema || !schema->IsObject()) return nullptr;
    auto it = schema->FindMember(name);
    return it == schema->MemberEnd() ? nullptr : &it->value;
  };
  const std::string got = value ? " (got " + JsonSnippet(*value) + ")" : "";
  std::string msg;
  if (k == "required" && value && value->IsObject()) {
    if (const auto* req = member("required"); req && req->IsArray()) {
      for (const auto& name : req->GetArray()) {
        if (name.IsString() && !value->HasMember(name)) {
          return "missing required field '" + std::string(name.GetString()) + "'" +
                 (pointer.empty() ? "" : " in " + pointer);
        }
      }
    }
    msg = field + ": a required field is missing";
  } else if (k == "additionalProperties") {
    // RapidJSON points at the offending member itself.
    const size_t slash = pointer.rfind('/');
    const std::string name = slash == std::string::npos ? pointer : pointer.substr(slash + 1);
    const std::string parent = slash == std::string::npos ? "" : pointer.substr(0, slash);
    std::string allowed;
    if (const auto* props = member("properties"); props && props->IsObject()) {
      for (auto p = props->MemberBegin(); p != props->MemberEnd(); ++p) {
        if (!allowed.empty()) allowed += ", ";
        allowed += p->name.GetString();
      }
    }
    return "unknown field '" + name + "'" + (parent.empty() ? "" : " in " + parent) +
           (allowed.empty() ? "" : " (allowed: " + allowed + ")");
  } else if (k == "type") {
    msg = field + ": must be " + (schema ? ExpectedTypes(*schema) : "another type") + ", not " +
          (value ? JsonTypeName(*value) : "this");
  } else if (k == "enum") {
    std::string options;
    if (const auto* e = member("enum"); e && e->IsArray()) {
      for (const auto& o : e->GetArray()) {
        if (!options.empty()) options += ", ";
        options += JsonSnippet(o);
      }
    }
    msg = field + ": must be one of " + options + got;
  } else if (k == "minimum" || k == "maximum") {
    const auto* bound = member(k.c_str());
    const bool exclusive =
        member(k == "minimum" ? "exclusiveMinimum" : "exclusiveMaximum") &&
        member(k == "minimum" ? "exclusiveMinimum" : "exclusiveMaximum")->IsTrue();
    msg = field + ": must be " + (k == "minimum" ? "at least " : "at most ") +
          (bound ? NumberText(*bound) : "the bound") + (exclusive ? " (exclusive)" : "") + got;
  } else if (k == "minLength") {
    const auto* n = member("minLength");
    if (n && n->IsUint() && n->GetUint() == 1) {
      msg = field + ": must not be empty";
    } else {
      msg = field + ": must have at least " + (n ? NumberText(*n) : "more") + " characters" + got;
    }
  } else if (k == "maxLength") {
    const auto* n = member("maxLength");
    msg = field + ": must have at most " + (n ? NumberText(*n) : "fewer") + " characters";
  } else if (k == "pattern") {
    if (const auto* d = member("description"); d && d->IsString()) {
      return field + ": must be " + d->GetString() + got;
    }
    const auto* p = member("pattern");
    msg = field + ": does not match the pattern " + (p ? JsonSnippet(*p) : "") + got;
  } else if (k == "minItems" || k == "maxItems") {
    const auto* n = member(k.c_str());
    msg = field + ": must have " + (k == "minItems" ? "at least " : "at most ") +
          (n ? NumberText(*n) : "") + " items";
  } else {
    msg = field + ": violates the schema's '" + k + "' rule" + got;
  }
  // A property's description says what was expected; the root's describes the whole format.
  if (const auto* d = member("description"); d && d->IsString() && !schema_is_root) {
    msg += "; expected ";
    msg += d->GetString();
  }
  return msg;
}

}  // namespace

Status ParseJson(std::string_view text, rapidjson::Document* doc) {
  doc->Parse<kParseFlags>(text.data(), text.size());
  if (!doc->HasParseError()) return Status::OK();
  const TextPosition pos = PositionOfOffset(text, doc->GetErrorOffset());
  std::string msg = "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) +
                    ": invalid JSON: " + rapidjson::GetParseError_En(doc->GetParseError());
  if (doc->GetParseError() == rapidjson::kParseErrorStringInvalidEncoding) {
    msg = "line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) +
          ": invalid UTF-8 in a string";
  }
  return Status::InvalidArgument(msg);
}

Status ParseJsonFile(const std::string& path, rapidjson::Document* doc) {
  KG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  doc->Parse<kParseFlags>(text.data(), text.size());
  if (!doc->HasParseError()) return Status::OK();
  const TextPosition pos = PositionOfOffset(text, doc->GetErrorOffset());
  const char* what = doc->GetParseError() == rapidjson::kParseErrorStringInvalidEncoding
                         ? "invalid UTF-8 in a string"
                         : rapidjson::GetParseError_En(doc->GetParseError());
  return Status::InvalidArgument(path + ":" + std::to_string(pos.line) + ":" +
                                 std::to_string(pos.column) + ": invalid JSON: " + what);
}

struct JsonSchema::Rep {
  rapidjson::Document source;
  std::unique_ptr<rapidjson::SchemaDocument> compiled;
  std::string name;
};

JsonSchema::JsonSchema(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
JsonSchema::~JsonSchema() = default;

Result<std::unique_ptr<JsonSchema>> JsonSchema::FromText(std::string_view text,
                                                         const std::string& name) {
  auto rep = std::make_unique<Rep>();
  rep->name = name;
  Status s = ParseJson(text, &rep->source);
  if (!s.ok()) return s.WithContext("schema " + name);
  if (!rep->source.IsObject()) {
    return Status::InvalidArgument("schema " + name + ": the top level must be a JSON object");
  }
  rep->compiled = std::make_unique<rapidjson::SchemaDocument>(rep->source);
  return std::unique_ptr<JsonSchema>(new JsonSchema(std::move(rep)));
}

Result<std::unique_ptr<JsonSchema>> JsonSchema::LoadFile(const std::string& path) {
  KG_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return FromText(text, path);
}

Status JsonSchema::Validate(const rapidjson::Value& value) const {
  rapidjson::SchemaValidator validator(*rep_->compiled);
  if (value.Accept(validator)) return Status::OK();
  const rapidjson::Pointer schema_ptr = validator.GetInvalidSchemaPointer();
  const rapidjson::Pointer doc_ptr = validator.GetInvalidDocumentPointer();
  const bool schema_is_root = PointerString(schema_ptr).empty();
  const rapidjson::Value* schema_node =
      schema_is_root ? &rep_->source : schema_ptr.Get(rep_->source);
  const rapidjson::Value* value_node = doc_ptr.Get(value);
  if (PointerString(doc_ptr).empty()) value_node = &value;
  return Status::InvalidArgument(DescribeViolation(validator.GetInvalidSchemaKeyword(), schema_node,
                                                   schema_is_root, value_node,
                                                   PointerString(doc_ptr)));
}

std::string JsonSnippet(const rapidjson::Value& value) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> writer(sb);
  value.Accept(writer);
  std::string out = sb.GetString();
  if (out.size() > 60) {
    size_t cut = 57;
    // Do not cut inside a UTF-8 sequence.
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

}  // namespace kg
