global using Amazon.DynamoDBv2;
global using Amazon.DynamoDBv2.Model;
global using ServerlessMail.Core;
global using Item = System.Collections.Generic.Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>;
