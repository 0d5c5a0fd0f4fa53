// The kamgraph model (as kamgraph's Neo4j store writes it) served by the Neo4j
// GraphQL Library, for the side-by-side latency comparison in bench/.
//
// Env: NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_USER (neo4j), NEO4J_PASSWORD,
// PORT (4000). Prints "ready http://127.0.0.1:PORT/" once it listens.
//
// How kamgraph stores the graph (kamgraph/graph/neo4j_store.py, cypher/):
// every node has :Node and its kind's label (:Company, :Person, ...) and an
// `id`; properties are plain Neo4j properties (enums and dates as strings);
// relationships have the kind as type (WORKS_AT person->company with
// title/since/until/current, REPORTS_TO person->manager, INTERESTED_IN
// person->interest with level).
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Company @node {
    id: ID!
    name: String!
    industry: String
    country: String
    tier: String
    status: String
    home: Boolean
    employees: [Person!]! @relationship(type: "WORKS_AT", direction: IN, properties: "WorksAt")
  }

  type Person @node {
    id: ID!
    name: String!
    title: String
    department: String
    seniority: String
    decisionMaker: Boolean
    employers: [Company!]! @relationship(type: "WORKS_AT", direction: OUT, properties: "WorksAt")
    manager: [Person!]! @relationship(type: "REPORTS_TO", direction: OUT)
    reports: [Person!]! @relationship(type: "REPORTS_TO", direction: IN)
    interests: [Interest!]! @relationship(type: "INTERESTED_IN", direction: OUT)
  }

  type Interest @node {
    id: ID!
    name: String!
    category: String
  }

  type WorksAt @relationshipProperties {
    title: String
    since: String
    until: String
    current: Boolean
  }
`;

const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const user = process.env.NEO4J_USER ?? "neo4j";
const password = process.env.NEO4J_PASSWORD ?? "";
const port = Number(process.env.PORT ?? "4000");

const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, { listen: { host: "127.0.0.1", port } });
console.log(`ready ${url}`);

const stop = async () => {
  await server.stop();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
