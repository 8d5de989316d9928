-- Per platform and pair of people (person_a < person_b), the follows between them that ended
-- while either had a MUTUALS likeness. A consent token issued on their mutual follow names the
-- count its check saw and registration requires it unchanged: an unfollow voids that platform's
-- tokens of the pair only, and leaves the likenesses' revisions and other platforms' tokens alone.
CREATE TABLE pair_unfollows (
    platform_id text   NOT NULL,
    person_a    text   NOT NULL,
    person_b    text   NOT NULL,
    unfollows   bigint NOT NULL,
    PRIMARY KEY (platform_id, person_a, person_b),
    CHECK (person_a < person_b)
);
