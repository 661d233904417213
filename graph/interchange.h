// Interchange: the store written in formats other tools load, streamed (an
// entity, a triple or a piece of evidence at a time, so memory does not grow
// with the store).
//
//  - CSV for Neo4j's bulk importer (neo4j-admin database import): nodes.csv
//    with `entityId:ID,name,aliases:string[],:LABEL` and edges.csv with
//    `:START_ID,:END_ID,:TYPE,evidence:int,max_confidence:double,
//    modalities:string[],first_date,last_date`; RFC 4180 quoting, arrays
//    joined by ';' (the importer's default), relation types in upper case.
//  - N-Triples (RDF 1.1): entities, relations and types as IRIs under a base;
//    each entity with rdf:type and rdfs:label (and skos:altLabel per alias);
//    each fact as a triple; each piece of evidence as an RDF reification (a
//    blank node of type rdf:Statement naming the fact's subject, predicate
//    and object) carrying the sentence, article, date, modality and
//    confidence under the base's vocabulary (see interchange.cc).
#ifndef KG_GRAPH_INTERCHANGE_H_
#define KG_GRAPH_INTERCHANGE_H_

#include <ostream>
#include <string>
#include <string_view>

#include "graph/store.h"
#include "util/status.h"

namespace kg {

// A CSV field, quoted when it holds a comma, quote, newline or the array
// delimiter, quotes doubled (RFC 4180); newlines become spaces so that a
// record is one line.
std::string CsvField(std::string_view s);

// Writes DIR/nodes.csv and DIR/edges.csv. IOError names the file.
Status ExportNeo4jCsv(const Store& store, const std::string& dir);

// An N-Triples string literal: "..." with \\ \" \n \r \t escaped, other
// controls and every non-ASCII character as \uXXXX or \UXXXXXXXX.
std::string NTriplesLiteral(std::string_view s);
// The IRI of a name under a base: unreserved characters kept, the rest
// percent-encoded (UTF-8 bytes).
std::string NamedIri(std::string_view base, std::string_view kind, std::string_view name);

// Writes the store as N-Triples under `base` (an absolute IRI ending in / or #).
Status ExportNTriples(const Store& store, std::string_view base, std::ostream& out);

}  // namespace kg

#endif  // KG_GRAPH_INTERCHANGE_H_
