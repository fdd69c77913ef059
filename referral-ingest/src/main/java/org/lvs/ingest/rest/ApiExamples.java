package org.lvs.ingest.rest;

/** OpenAPI examples shared by the resources (kept in one place so the docs stay consistent). */
final class ApiExamples {

    static final String REFERRAL = """
            {"source":"ADT","sourceReference":"LC-2017-0012345","version":1,"feedSequence":40213,
             "recordedAt":"2017-08-14T09:30:00+01:00","receivedAt":null,"area":"CENTRAL",
             "crime":{"category":"HATE_CRIME","hateStrands":["RELIGION"],"description":"..."},
             "victim":{"personRef":"P-778812","firstName":"Amina","lastName":"Example","dateOfBirth":"1990-05-02",
               "age":null,"gender":"FEMALE","phone":"07700 900123","email":null,
               "address":{"line1":"1 Example Street","town":"Preston","postcode":"PR1 2AB"},
               "preferredContact":"PHONE","vulnerabilities":["INTIMIDATED"]},
             "consent":"EXPLICIT","riskLevel":null,"safeguarding":{"unsafeToContact":false,"reason":null},
             "howHeard":null}""";

    static final String ACCEPTED = """
            {"referralId":"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11","status":"ACCEPTED"}""";
    static final String AMENDED = """
            {"referralId":"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11","status":"AMENDED"}""";
    static final String DUPLICATE = """
            {"referralId":"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11","status":"DUPLICATE"}""";
    static final String STALE = """
            {"referralId":"3f2c7a9e-8d1b-4c5e-9a7f-2b6d1e0c4a11","status":"STALE"}""";

    static final String INVALID = """
            {"type":"https://lvs.local/problems/invalid-input","title":"Invalid input","status":400,
             "detail":"2 fields are invalid",
             "errors":[{"field":"crime.category","message":"is required"},
                       {"field":"victim.dateOfBirth","message":"must be a date in the past"}]}""";
    static final String FORBIDDEN = """
            {"type":"https://lvs.local/problems/forbidden","title":"Forbidden","status":403,
             "detail":"only role admin may set receivedAt (historical replay)"}""";
    static final String CONFLICT = """
            {"type":"https://lvs.local/problems/conflict","title":"Conflict","status":409,
             "detail":"version 1 of this referral was already received with different content; a changed record needs a higher version"}""";
    static final String TOO_LARGE = """
            {"type":"https://lvs.local/problems/payload-too-large","title":"Payload too large","status":413,
             "detail":"the body is larger than 1048576 bytes"}""";
    static final String UNSUPPORTED = """
            {"type":"https://lvs.local/problems/unsupported-media-type","title":"Unsupported media type","status":415,
             "detail":"use application/json"}""";
    static final String UNAVAILABLE = """
            {"type":"https://lvs.local/problems/unavailable","title":"Service unavailable","status":503,
             "detail":"The message broker is unavailable; retry the same request later"}""";
    static final String TOO_MANY = """
            {"type":"https://lvs.local/problems/too-many-requests","title":"Too many requests","status":429,
             "detail":"too many self-referrals from this address; try again later"}""";
    static final String NOT_FOUND = """
            {"type":"https://lvs.local/problems/not-found","title":"Not found","status":404,
             "detail":"no referral with this id"}""";

    static final String BATCH_JSON = """
            {"batchId":"ADT-2017-08-14","source":"ADT","referrals":[
              {"sourceReference":"LC-2017-0012345","feedSequence":40213,"recordedAt":"2017-08-14T09:30:00+01:00",
               "area":"CENTRAL","crime":{"category":"ASSAULT"},"victim":{"firstName":"Siobhán","phone":"07700 900123"},
               "consent":"EXPLICIT"},
              {"sourceReference":"LC-2017-0012346","feedSequence":40214,"recordedAt":"2017-08-14T09:40:00+01:00",
               "area":"EAST","victim":{"firstName":"Zoë"},"consent":"REFUSED"}]}""";
    static final String BATCH_CSV = """
            sourceReference,version,feedSequence,recordedAt,area,crime.category,crime.hateStrands,victim.firstName,victim.lastName,victim.address.line1,consent
            LC-2017-0012345,1,40213,2017-08-14T09:30:00+01:00,CENTRAL,HATE_CRIME,RACE|RELIGION,Siobhán,O'Neill,"Flat 2, 1 Quay Street",EXPLICIT
            LC-2017-0012346,1,40214,2017-08-14T09:40:00+01:00,EAST,BURGLARY,,Zoë,Example,,REFUSED
            """;

    private ApiExamples() {}
}
